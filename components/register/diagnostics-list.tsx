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

/** "2 errors, 1 warning" */
export function summariseDiagnostics(diagnostics: Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.severity, (counts.get(d.severity) ?? 0) + 1);
  return [...counts].map(([severity, n]) => `${n} ${severity}${n === 1 ? '' : 's'}`).join(', ');
}
