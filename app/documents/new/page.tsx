import type { Metadata } from 'next';
import { RegisterForm } from '../../../components/register/register-form.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { pagePermissions } from '../../../lib/auth/page-actor.ts';
import { draftForChannel } from '../../../lib/drift/service.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Register a document' };

type Props = { searchParams: Promise<{ draft?: string | string[] }> };

export default async function RegisterPage({ searchParams }: Props) {
  const channel = [(await searchParams).draft].flat()[0];
  const { register, forceRegister } = await pagePermissions();
  const draft = channel ? draftForChannel(services().traffic, channel) : null;
  return (
    <>
      <PageHeader
        title="Register a document"
        description="Add an AsyncAPI document to the catalogue, or a new version of one already there."
      />
      {!register.allowed && (
        <p className="notice" role="status" data-testid="permission-note">
          {register.reason}
        </p>
      )}
      {channel && (
        <p className={draft ? 'notice' : 'notice notice--error'} role="status">
          {draft
            ? `A draft for the undocumented channel “${channel}”, its payload schema inferred from the latest message seen. Review it, then register.`
            : `No traffic has been seen on “${channel}” since the portal started, so there is nothing to draft from.`}
        </p>
      )}
      {register.allowed && (
        <RegisterForm
          key={channel ?? ''}
          initialText={draft ?? ''}
          {...(forceRegister.allowed ? {} : { forceDenied: forceRegister.reason })}
        />
      )}
    </>
  );
}
