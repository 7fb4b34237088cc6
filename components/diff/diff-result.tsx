import type { Change } from '../../asyncapi/diff/types.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import type { VersionDiff } from '../../lib/governance.ts';
import { ChangeList } from './change-list.tsx';

const GROUPS: { type: Change['type']; title: string }[] = [
  { type: 'breaking', title: 'Breaking' },
  { type: 'unclassified', title: 'Unclassified' },
  { type: 'non-breaking', title: 'Non-breaking' },
];

/** The changes from one version to another, grouped by type, breaking first. */
export function DiffResult({ diff }: { diff: VersionDiff }) {
  if (diff.changes.length === 0) {
    return (
      <EmptyState title="No differences">
        <p>
          Versions {diff.from} and {diff.to} declare the same thing.
        </p>
      </EmptyState>
    );
  }
  const { breaking, nonBreaking, unclassified } = diff.summary;
  return (
    <>
      <p className="diff-summary" role="status">
        <span>
          <strong>{breaking}</strong> breaking
        </span>
        <span>
          <strong>{unclassified}</strong> unclassified
        </span>
        <span>
          <strong>{nonBreaking}</strong> non-breaking
        </span>
      </p>
      {GROUPS.map(({ type, title }) => {
        const changes = diff.changes.filter((c) => c.type === type);
        if (changes.length === 0) return null;
        const headingId = `diff-${type}`;
        return (
          <section key={type} className="diff-group" aria-labelledby={headingId}>
            <h2 id={headingId} className="diff-group__title">
              {title} ({changes.length})
            </h2>
            <ChangeList changes={changes} label={`${title} changes`} />
          </section>
        );
      })}
    </>
  );
}
