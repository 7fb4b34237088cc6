import type { Metadata } from 'next';
import Link from 'next/link';
import { PublishForm } from '../../components/publish/publish-form.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Publish a test event — Event Portal' } };

export default function PublishPage() {
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
        <PublishForm />
      </div>
    </>
  );
}
