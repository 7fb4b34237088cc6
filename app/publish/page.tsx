import type { Metadata } from 'next';
import Link from 'next/link';
import { PublishForm } from '../../components/publish/publish-form.tsx';
import { readPublishDraft } from '../../components/publish/publish-link.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { pagePermissions } from '../../lib/auth/page-actor.ts';
import { linkedPublishTarget } from '../../lib/common/channel-links.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Publish a test event — Event Portal' } };

/**
 * The publish form; `?slug=…&version=…&channel=…` starts it on that catalogued channel, as "Publish to this channel"
 * links do, and `?topic=…&payload=…` fill it (the live tail's "Edit and send").
 */
export default async function PublishPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { publish } = await pagePermissions();
  const params = await searchParams;
  const target = linkedPublishTarget(params);
  const draft = readPublishDraft(params);
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
          <PublishForm
            initialChoice={target ? { slug: target.slug, version: target.version, key: target.channel } : undefined}
            draft={draft}
          />
        ) : (
          <p className="notice" role="status" data-testid="permission-note">
            {publish.reason}
          </p>
        )}
      </div>
    </>
  );
}
