'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { LIFECYCLE_STATUSES, type LifecycleStatus } from '../../asyncapi/lifecycle.ts';

interface StatusSelectProps {
  slug: string;
  version: string;
  status: LifecycleStatus;
}

/**
 * Moves the shown version through its lifecycle (PATCH) when "Save status" is pressed, then refreshes the
 * page; says why when it fails. Choosing alone saves nothing: arrow keys on a closed select fire `change`.
 */
export function StatusSelect({ slug, version, status }: StatusSelectProps) {
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
        disabled={busy}
        onChange={(e) => setSelected(e.target.value as LifecycleStatus)}
      >
        {LIFECYCLE_STATUSES.map((s) => (
          <option key={s} value={s}>
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

async function saveStatus(slug: string, version: string, status: LifecycleStatus): Promise<string | null> {
  try {
    const response = await fetch(`/api/documents/${encodeURIComponent(slug)}/versions/${encodeURIComponent(version)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    if (response.ok) return null;
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    return typeof body?.error === 'string' ? body.error : `The status was not saved (HTTP ${response.status}).`;
  } catch (error) {
    return `The portal could not be reached (${error instanceof Error ? error.message : String(error)}); the status was not saved.`;
  }
}
