import type { Metadata } from 'next';
import type { QueueSnapshot } from '../../components/queue/queue-snapshot.ts';
import { QueueView } from '../../components/queue/queue-view.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { isPortalError } from '../../lib/errors.ts';
import { log } from '../../lib/log.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Deferred queue — Event Portal' } };

export default async function QueuePage() {
  const initial = await readQueue();
  return (
    <>
      <PageHeader title="Deferred queue" description="Events posted to /deferred-exec wait here until a worker processes them." />
      <QueueView initial={initial} />
    </>
  );
}

async function readQueue(): Promise<QueueSnapshot> {
  try {
    const { broker } = services();
    return { kind: 'ok', stats: await (broker.deferredMode === 'eda' ? broker.edaQueue() : broker.queueStats()) };
  } catch (error) {
    if (isPortalError(error, 'BrokerUnavailableError')) return { kind: 'unreachable', error: error.message };
    log.error('reading the deferred queue failed', error);
    return { kind: 'failed', error: 'The portal failed to read the queue; the server log has the details.' };
  }
}
