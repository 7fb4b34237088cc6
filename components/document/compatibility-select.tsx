'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition, type FormEvent } from 'react';
import {
  COMPATIBILITY_MODES,
  isCompatibilityMode,
  type CompatibilityMode,
  type DocumentCompatibility,
} from '../../asyncapi/compatibility.ts';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { problemOf, unreachable } from '../ui/request-problem.ts';

const DEFAULT = 'default';

interface CompatibilitySelectProps {
  compatibility: DocumentCompatibility;
  allowance: Allowance;
}

/**
 * Shows the compatibility mode the document's next versions are checked under, and lets admins set it (PUT) when
 * "Save mode" is pressed; "Default" follows the portal's setting. Says why when it fails.
 */
export function CompatibilitySelect({ compatibility, allowance }: CompatibilitySelectProps) {
  const id = useId();
  const router = useRouter();
  const current = compatibility.source === 'document' ? compatibility.mode : DEFAULT;
  const [selected, setSelected] = useState<string>(current);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startTransition] = useTransition();

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const problem = await saveMode(compatibility.slug, isCompatibilityMode(selected) ? selected : null);
    setSaving(false);
    if (problem) return setError(problem);
    startTransition(() => router.refresh());
  }

  const busy = saving || refreshing;
  return (
    <form className="status-select compatibility-select" aria-busy={busy} onSubmit={(e) => void save(e)}>
      <label htmlFor={`${id}-mode`} className="version-select__label">
        Compatibility
      </label>
      <select
        id={`${id}-mode`}
        className="select"
        value={selected}
        disabled={busy || !allowance.allowed}
        title={allowance.allowed ? undefined : allowance.reason}
        aria-describedby={`${id}-meaning`}
        onChange={(e) => setSelected(e.target.value)}
      >
        <option value={DEFAULT}>Default ({compatibility.defaultMode})</option>
        {COMPATIBILITY_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {mode}
          </option>
        ))}
      </select>
      {selected !== current && (
        <button className="button" type="submit" disabled={busy}>
          {saving ? 'Saving…' : 'Save mode'}
        </button>
      )}
      <span id={`${id}-meaning`} className="muted compatibility-select__meaning">
        {compatibility.mode}: {compatibility.description}.
      </span>
      {error && (
        <p className="status-select__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

async function saveMode(slug: string, mode: CompatibilityMode | null): Promise<string | null> {
  try {
    const response = await fetch(`/api/documents/${encodeURIComponent(slug)}/compatibility`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    return response.ok ? null : await problemOf(response, 'Saving the compatibility mode');
  } catch (error) {
    return unreachable(error, 'the compatibility mode was not saved');
  }
}
