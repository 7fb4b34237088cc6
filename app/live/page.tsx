import type { Metadata } from 'next';
import { LiveTail } from '../../components/live/live-tail.tsx';
import { PublishForm } from '../../components/publish/publish-form.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Live tail — Event Portal' } };

export default function LivePage() {
  return (
    <>
      <PageHeader title="Live tail" description="Broker traffic as it happens, for the Redis channel patterns you follow." />
      <LiveTail
        aside={
          <section className="publish-panel" aria-labelledby="live-publish-title">
            <h2 id="live-publish-title" className="section__title">
              Publish a test event
            </h2>
            <PublishForm compact />
          </section>
        }
      />
    </>
  );
}
