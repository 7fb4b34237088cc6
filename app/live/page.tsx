import type { Metadata } from 'next';
import { LiveTail } from '../../components/live/live-tail.tsx';
import { PublishForm } from '../../components/publish/publish-form.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { pagePermissions } from '../../lib/auth/page-actor.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Live tail — Event Portal' } };

export default async function LivePage() {
  const { publish } = await pagePermissions();
  return (
    <>
      <PageHeader title="Live tail" description="Broker traffic as it happens, for the Redis channel patterns you follow." />
      <LiveTail
        aside={
          <section className="publish-panel" aria-labelledby="live-publish-title">
            <h2 id="live-publish-title" className="section__title">
              Publish a test event
            </h2>
            {publish.allowed ? (
              <PublishForm compact />
            ) : (
              <p className="notice" role="status" data-testid="permission-note">
                {publish.reason}
              </p>
            )}
          </section>
        }
      />
    </>
  );
}
