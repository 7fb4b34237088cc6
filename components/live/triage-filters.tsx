'use client';

import { useId } from 'react';
import type { ConformanceStatus } from '../../lib/live/events.ts';
import type { FilterProgress } from './filter-run.ts';
import { EXPRESSION_MAX_CHARS } from './payload-expression.ts';
import { STATUSES, type TriageFilter } from './triage-filter.ts';
import './triage.css';

interface TriageFiltersProps {
  filter: TriageFilter;
  onChange: (filter: TriageFilter) => void;
  /** Why the expression does not compile. */
  expressionError: string | null;
  /** How the expression fares over the rows. */
  progress: FilterProgress | null;
}

/** The triage filters beside the text filter: statuses, document, message and a JSONata expression. */
export function TriageFilters({ filter, onChange, expressionError, progress }: TriageFiltersProps) {
  const id = useId();
  const problem = expressionError ?? failureText(progress);
  const note = progressNote(progress);

  function toggle(status: ConformanceStatus, on: boolean): void {
    const statuses = on ? [...filter.statuses, status] : filter.statuses.filter((s) => s !== status);
    onChange({ ...filter, statuses: STATUSES.filter((s) => statuses.includes(s)) });
  }

  return (
    <div className="triage" data-testid="triage-filters">
      <fieldset className="triage__statuses">
        <legend className="live-label">Status</legend>
        {STATUSES.map((status) => (
          <label key={status} className="triage__status">
            <input type="checkbox" checked={filter.statuses.includes(status)} onChange={(event) => toggle(status, event.target.checked)} />{' '}
            {status}
          </label>
        ))}
      </fieldset>
      <div className="triage__field">
        <label htmlFor={`${id}-document`} className="live-label">
          Document
        </label>
        <input
          id={`${id}-document`}
          className="input"
          value={filter.document}
          maxLength={200}
          onChange={(event) => onChange({ ...filter, document: event.target.value })}
          placeholder="slug or title"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="triage__field">
        <label htmlFor={`${id}-message`} className="live-label">
          Message
        </label>
        <input
          id={`${id}-message`}
          className="input"
          value={filter.message}
          maxLength={200}
          onChange={(event) => onChange({ ...filter, message: event.target.value })}
          placeholder="message key"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="triage__field triage__field--wide">
        <label htmlFor={`${id}-expression`} className="live-label">
          Expression (JSONata)
        </label>
        <input
          id={`${id}-expression`}
          className="input mono"
          value={filter.expression}
          maxLength={EXPRESSION_MAX_CHARS}
          onChange={(event) => onChange({ ...filter, expression: event.target.value })}
          placeholder='payload.total > 100 and $contains(channel, "orders")'
          autoComplete="off"
          spellCheck={false}
          aria-invalid={expressionError ? true : undefined}
          aria-describedby={`${id}-expression-note`}
        />
        <span id={`${id}-expression-note`} className={problem ? 'triage__note triage__note--error' : 'triage__note muted'} role="status">
          {problem ?? note}
        </span>
      </div>
    </div>
  );
}

function failureText(progress: FilterProgress | null): string | null {
  if (!progress?.lastError) return null;
  if (progress.stopped) return progress.lastError;
  return `${progress.failed} ${progress.failed === 1 ? 'row' : 'rows'} left out, the expression failed: ${progress.lastError}`;
}

function progressNote(progress: FilterProgress | null): string {
  if (!progress) return 'Over { channel, payload, status, document, message, receivedAt }; rows whose payload is not JSON are skipped.';
  const parts = [progress.pending > 0 ? `Checking ${progress.pending} rows…` : 'Every kept row checked.'];
  if (progress.skipped > 0) parts.push(`${progress.skipped} skipped (payload not JSON).`);
  if (progress.failed > 0) parts.push(`${progress.failed} failed.`);
  return parts.join(' ');
}
