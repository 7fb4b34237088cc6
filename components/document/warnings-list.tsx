import type { Diagnostic } from '../../asyncapi/types.ts';

/** The non-blocking diagnostics stored with a version, collapsed by default. */
export function WarningsList({ warnings }: { warnings: Diagnostic[] }) {
  if (warnings.length === 0) return null;
  return (
    <details className="warnings">
      <summary>
        {warnings.length} {warnings.length === 1 ? 'warning' : 'warnings'} in this version
      </summary>
      <ol className="warnings__list">
        {warnings.map((w, i) => (
          <li key={i} className="warnings__item">
            <span className={`badge badge--${w.severity}`}>{w.severity}</span>
            <span className="warnings__line mono">{w.line === null ? 'no line' : `line ${w.line}`}</span>
            <span className="warnings__message">{w.message}</span>
            {w.path && <code className="warnings__path">{w.path}</code>}
          </li>
        ))}
      </ol>
    </details>
  );
}
