import { EmptyState } from '../ui/empty-state.tsx';

/** What to do when no event has been processed yet. */
export function QueueEmpty() {
  return (
    <EmptyState title="No event processed yet">
      <p>
        Start a worker with <code>npm run worker</code>, then queue an event for deferred execution:
      </p>
      <pre className="queue-empty__command">curl -X POST --data &apos;hello&apos; http://127.0.0.1:3000/deferred-exec</pre>
      <p>It shows here once the worker has processed it.</p>
    </EmptyState>
  );
}
