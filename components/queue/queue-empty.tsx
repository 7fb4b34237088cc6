'use client';

import { useSyncExternalStore } from 'react';
import { EmptyState } from '../ui/empty-state.tsx';

const noSubscription = () => () => {};

/**
 * What to do when no event has been processed yet, with a command for this very portal: the address the page was
 * opened at, whatever the port or proxy. The server does not know it, so the browser fills it in after hydration.
 */
export function QueueEmpty() {
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => '',
  );
  return (
    <EmptyState title="No event processed yet">
      <p>
        Start a worker with <code>npm run worker</code>, then queue an event for deferred execution:
      </p>
      <pre className="queue-empty__command" data-testid="queue-empty-command">
        curl -X POST --data &apos;hello&apos; {origin}/deferred-exec
      </pre>
      <p>It shows here once the worker has processed it.</p>
    </EmptyState>
  );
}
