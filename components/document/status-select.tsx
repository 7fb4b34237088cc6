'use client';

import { LIFECYCLE_STATUSES, type LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { SaveChoiceButton, SaveChoiceError, useSavedChoice } from '../ui/saved-choice.tsx';

interface StatusSelectProps {
  slug: string;
  version: string;
  status: LifecycleStatus;
  /** Whether the visitor may change the status (editors), and retire a version (admins). */
  setStatus: Allowance;
  retire: Allowance;
}

/**
 * Moves the shown version through its lifecycle (PATCH) when "Save status" is pressed, then refreshes the
 * page; says why when it fails. Disabled, with the reason on hover, for those who may not change it; "retired"
 * likewise for all but admins.
 */
export function StatusSelect({ slug, version, status, setStatus, retire }: StatusSelectProps) {
  const choice = useSavedChoice(status, (selected) => ({
    url: `/api/documents/${encodeURIComponent(slug)}/versions/${encodeURIComponent(version)}`,
    method: 'PATCH',
    body: { status: selected },
    subject: 'the status',
  }));
  return (
    <form className="status-select" aria-busy={choice.busy} onSubmit={choice.onSubmit}>
      <label htmlFor="status-select" className="version-select__label">
        Status
      </label>
      <select
        id="status-select"
        className="select"
        value={choice.selected}
        disabled={choice.busy || !setStatus.allowed}
        title={denial(setStatus) ?? denial(retire)}
        onChange={(e) => choice.select(e.target.value as LifecycleStatus)}
      >
        {LIFECYCLE_STATUSES.map((s) => (
          <option
            key={s}
            value={s}
            disabled={s === 'retired' && s !== status && !retire.allowed}
            title={s === 'retired' ? denial(retire) : undefined}
          >
            {s}
          </option>
        ))}
      </select>
      <SaveChoiceButton choice={choice} saved={status} label="Save status" />
      <SaveChoiceError choice={choice} />
    </form>
  );
}

/** The reason an action is not allowed, for a title; undefined when it is. */
function denial(allowance: Allowance): string | undefined {
  return allowance.allowed ? undefined : allowance.reason;
}
