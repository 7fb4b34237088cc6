import type { LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import './status-badge.css';

/** A version's lifecycle status as a coloured badge. */
export function StatusBadge({ status }: { status: LifecycleStatus }) {
  return (
    <span className={`badge badge--status-${status}`} data-testid="version-status" title="Lifecycle status">
      {status}
    </span>
  );
}
