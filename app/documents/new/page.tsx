import type { Metadata } from 'next';
import { RegisterForm } from '../../../components/register/register-form.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { pagePermissions } from '../../../lib/auth/page-actor.ts';
import { draftForChannel } from '../../../lib/drift/service.ts';
import { BrokerUnavailableError } from '../../../lib/errors.ts';
import { services } from '../../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Register a document' };

type Props = { searchParams: Promise<{ draft?: string | string[] }> };

export default async function RegisterPage({ searchParams }: Props) {
  const channel = [(await searchParams).draft].flat()[0];
  const { register, forceRegister } = await pagePermissions();
  const { draft, problem } = channel ? await draftOf(channel) : { draft: null, problem: null };
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
            : problem}
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

/** The draft for an undocumented channel, or why there is none: the form still works while Redis is down. */
async function draftOf(channel: string): Promise<{ draft: string | null; problem: string | null }> {
  try {
    const draft = await draftForChannel(services().traffic, channel);
    return draft
      ? { draft, problem: null }
      : { draft, problem: `No traffic has been seen on “${channel}” in the last 30 days, so there is nothing to draft from.` };
  } catch (error) {
    if (error instanceof BrokerUnavailableError) return { draft: null, problem: error.message };
    throw error;
  }
}
