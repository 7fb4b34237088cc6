import type { Metadata } from 'next';
import { LiveTail } from '../../components/live/live-tail.tsx';
import { PublishForm } from '../../components/publish/publish-form.tsx';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Live tail — Event Portal' } };

export default function LivePage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Live tail</h1>
          <p className="page-header__sub">Broker traffic as it happens, for the Redis channel patterns you follow.</p>
        </div>
      </div>
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
