'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { LIFECYCLE_STATUSES, type LifecycleStatus } from '../../asyncapi/lifecycle.ts';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { problemOf, unreachable } from '../ui/request-problem.ts';

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
 * page; says why when it fails. Choosing alone saves nothing: arrow keys on a closed select fire `change`.
 * Disabled, with the reason on hover, for those who may not change it; "retired" likewise for all but admins.
 */
export function StatusSelect({ slug, version, status, setStatus, retire }: StatusSelectProps) {
  const router = useRouter();
  const [selected, setSelected] = useState(status);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startTransition] = useTransition();

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const problem = await saveStatus(slug, version, selected);
    setSaving(false);
    if (problem) return setError(problem);
    startTransition(() => router.refresh());
  }

  const busy = saving || refreshing;
  return (
    <form className="status-select" aria-busy={busy} onSubmit={(e) => void save(e)}>
      <label htmlFor="status-select" className="version-select__label">
        Status
      </label>
      <select
        id="status-select"
        className="select"
        value={selected}
        disabled={busy || !setStatus.allowed}
        title={denial(setStatus) ?? denial(retire)}
        onChange={(e) => setSelected(e.target.value as LifecycleStatus)}
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
      {selected !== status && (
        <button className="button" type="submit" disabled={busy}>
          {saving ? 'Saving…' : 'Save status'}
        </button>
      )}
      {error && (
        <p className="status-select__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** The reason an action is not allowed, for a title; undefined when it is. */
function denial(allowance: Allowance): string | undefined {
  return allowance.allowed ? undefined : allowance.reason;
}

async function saveStatus(slug: string, version: string, status: LifecycleStatus): Promise<string | null> {
  try {
    const response = await fetch(`/api/documents/${encodeURIComponent(slug)}/versions/${encodeURIComponent(version)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    return response.ok ? null : await problemOf(response, 'Saving the status');
  } catch (error) {
    return unreachable(error, 'the status was not saved');
  }
}
