'use client';

import type { Diagnostic } from '../../asyncapi/types.ts';

interface DiagnosticsListProps {
  diagnostics: Diagnostic[];
  activeIndex: number | null;
  onSelect: (index: number, line: number) => void;
}

/** Every diagnostic of a refused document; those with a line are buttons that move the editor there. */
export function DiagnosticsList({ diagnostics, activeIndex, onSelect }: DiagnosticsListProps) {
  if (diagnostics.length === 0) return null;
  return (
    <ol className="diagnostics" data-testid="diagnostics" aria-label="Diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i}>
          {d.line === null ? (
            <div className="diagnostic">
              <DiagnosticBody diagnostic={d} />
            </div>
          ) : (
            <button
              type="button"
              className="diagnostic diagnostic--link"
              aria-current={i === activeIndex || undefined}
              onClick={() => onSelect(i, d.line ?? 1)}
            >
              <DiagnosticBody diagnostic={d} />
            </button>
          )}
          <Cascade diagnostics={d.cascade ?? []} />
        </li>
      ))}
    </ol>
  );
}

function DiagnosticBody({ diagnostic: d }: { diagnostic: Diagnostic }) {
  return (
    <>
      <span className="diagnostic__head">
        <span className={`badge badge--${d.severity}`}>{d.severity}</span>
        <span className="diagnostic__where">
          {d.line === null ? 'no line' : `line ${d.line}`}
          {d.line !== null && d.column !== null ? `, column ${d.column}` : ''}
        </span>
      </span>
      <span className="diagnostic__message">{d.message}</span>
      {d.path && <code className="diagnostic__path">{d.path}</code>}
    </>
  );
}

/** The errors that only follow from a diagnostic, folded under it. */
function Cascade({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <details className="diagnostic__cascade">
      <summary>{diagnostics.length === 1 ? '1 error follows from this one' : `${diagnostics.length} errors follow from this one`}</summary>
      <ul>
        {diagnostics.map((c, i) => (
          <li key={i}>
            {c.line === null ? '' : `line ${c.line}: `}
            {c.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** "2 errors, 1 warning" */
export function summariseDiagnostics(diagnostics: Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.severity, (counts.get(d.severity) ?? 0) + 1);
  return [...counts].map(([severity, n]) => `${n} ${severity}${n === 1 ? '' : 's'}`).join(', ');
}
