import type { Conformance } from '@/lib/live/events';
import { badgeClassOf, conformanceSummary } from './conformance-format';

/** A message's conformance as a badge, with a one-line summary when it violates. Text only. */
export function ConformanceBadge({ conformance }: { conformance: Conformance }) {
  const summary = conformanceSummary(conformance);
  return (
    <>
      <span className={badgeClassOf(conformance.status)} data-testid="conformance-badge" title={summary || undefined}>
        {conformance.status}
      </span>
      {conformance.status === 'violates' && <span className="live-row__issue">{summary}</span>}
    </>
  );
}
