import type { Metadata } from 'next';
import Link from 'next/link';
import { PublishForm } from '../../components/publish/publish-form.tsx';
import { readPublishDraft } from '../../components/publish/publish-link.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { pagePermissions } from '../../lib/auth/page-actor.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Publish a test event — Event Portal' } };

/** `?topic=…&payload=…` fill the form (the live tail's "Edit and send" links here). */
export default async function PublishPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { publish } = await pagePermissions();
  const draft = readPublishDraft(await searchParams);
  return (
    <>
      <PageHeader
        title="Publish a test event"
        description={
          <>
            Send a payload on a Redis channel, exactly as typed, or choose a catalogued channel to start from its example and check the
            payload against its schema before it goes out. Watch it arrive on the <Link href="/live">live tail</Link>.
          </>
        }
      />
      <div className="publish-page">
        {publish.allowed ? (
          <PublishForm draft={draft} />
        ) : (
          <p className="notice" role="status" data-testid="permission-note">
            {publish.reason}
          </p>
        )}
      </div>
    </>
  );
}
