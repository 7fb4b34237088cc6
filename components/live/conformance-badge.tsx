import { isWithdrawn } from '../../asyncapi/lifecycle.ts';
import type { Conformance } from '../../lib/live/events.ts';
import { badgeClassOf, conformanceSummary } from './conformance-format.ts';

/**
 * A message's conformance as a badge, with a one-line summary when it violates, and a second badge when the
 * matched version is deprecated or retired. Text only.
 */
export function ConformanceBadge({ conformance }: { conformance: Conformance }) {
  const summary = conformanceSummary(conformance);
  const lifecycle = conformance.document?.status;
  return (
    <>
      <span className={badgeClassOf(conformance.status)} data-testid="conformance-badge" title={summary || undefined}>
        {conformance.status}
      </span>
      {lifecycle && isWithdrawn(lifecycle) && (
        <span
          className="badge badge--warning"
          data-testid="lifecycle-badge"
          title={`Traffic on ${conformance.document?.title} ${conformance.document?.version}, which is ${lifecycle}`}
        >
          {lifecycle}
        </span>
      )}
      {conformance.status === 'violates' && <span className="live-row__issue">{summary}</span>}
    </>
  );
}
