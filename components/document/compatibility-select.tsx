'use client';

import { useId } from 'react';
import { COMPATIBILITY_MODES, isCompatibilityMode, type DocumentCompatibility } from '../../asyncapi/compatibility.ts';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { SaveChoiceButton, SaveChoiceError, useSavedChoice } from '../ui/saved-choice.tsx';

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
  const current: string = compatibility.source === 'document' ? compatibility.mode : DEFAULT;
  const choice = useSavedChoice(current, (selected) => ({
    url: `/api/documents/${encodeURIComponent(compatibility.slug)}/compatibility`,
    method: 'PUT',
    body: { mode: isCompatibilityMode(selected) ? selected : null },
    subject: 'the compatibility mode',
  }));
  return (
    <form className="status-select compatibility-select" aria-busy={choice.busy} onSubmit={choice.onSubmit}>
      <label htmlFor={`${id}-mode`} className="version-select__label">
        Compatibility
      </label>
      <select
        id={`${id}-mode`}
        className="select"
        value={choice.selected}
        disabled={choice.busy || !allowance.allowed}
        title={allowance.allowed ? undefined : allowance.reason}
        aria-describedby={`${id}-meaning`}
        onChange={(e) => choice.select(e.target.value)}
      >
        <option value={DEFAULT}>Default ({compatibility.defaultMode})</option>
        {COMPATIBILITY_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {mode}
          </option>
        ))}
      </select>
      <SaveChoiceButton choice={choice} saved={current} label="Save mode" />
      <span id={`${id}-meaning`} className="muted compatibility-select__meaning">
        {compatibility.mode}: {compatibility.description}.
      </span>
      <SaveChoiceError choice={choice} />
    </form>
  );
}
