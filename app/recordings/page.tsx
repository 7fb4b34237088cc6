import type { Metadata } from 'next';
import type { RecordingView } from '../../components/recordings/recording-view.ts';
import { RecordingsView } from '../../components/recordings/recordings-view.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { pagePermissions } from '../../lib/auth/page-actor.ts';
import { log } from '../../lib/log.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Recordings — Event Portal' } };

export default async function RecordingsPage() {
  const { record } = await pagePermissions();
  const listing = await readRecordings();
  return (
    <>
      <PageHeader
        title="Recordings"
        description="Live traffic on a few patterns, kept in the database: export it, or publish it again in order at its own pace or faster."
      />
      {listing.kind === 'ok' ? (
        <RecordingsView initial={listing.recordings} allowance={record} />
      ) : (
        <p className="notice notice--error" role="alert">
          {listing.error}
        </p>
      )}
    </>
  );
}

async function readRecordings(): Promise<{ kind: 'ok'; recordings: RecordingView[] } | { kind: 'failed'; error: string }> {
  try {
    return { kind: 'ok', recordings: await services().recordings.list() };
  } catch (error) {
    log.error('listing the recordings failed', error);
    return { kind: 'failed', error: 'The recordings could not be read (is the database reachable?); the server log has the details.' };
  }
}
