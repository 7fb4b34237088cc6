import type { PersistenceState } from '../../lib/broker/persistence.ts';

/** Says so when Redis would lose the queue on a restart (AOF off) or will not tell (CONFIG and INFO refused). */
export function PersistenceWarning({ persistence }: { persistence?: PersistenceState }) {
  if (!persistence?.warning) return null;
  return (
    <div className="notice notice--warning" role="alert" data-testid="queue-persistence-warning">
      <p>
        <strong>{persistence.aof === false ? 'Queued events do not survive a Redis restart.' : 'Redis persistence is unknown.'}</strong>{' '}
        {persistence.warning}
      </p>
    </div>
  );
}
