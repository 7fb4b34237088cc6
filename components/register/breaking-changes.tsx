'use client';

import type { Change } from '../../asyncapi/diff/types.ts';
import { ChangeList } from '../diff/change-list.tsx';
import '../diff/diff.css';

interface BreakingChangesProps {
  error: string;
  changes: Change[];
  force: boolean;
  onForceChange: (force: boolean) => void;
  /** Why the visitor may not override (only admins may): the checkbox is then disabled, with this on hover and below it. */
  forceDenied?: string;
}

/** A registration refused for breaking changes: what they are, and the explicit override (for admins). */
export function BreakingChanges({ error, changes, force, onForceChange, forceDenied }: BreakingChangesProps) {
  return (
    <>
      <div className="notice notice--error" role="alert">
        <p>
          <strong>Not registered.</strong> {error}
        </p>
      </div>
      <ChangeList changes={changes} label="Breaking changes" />
      <label className="register__force" {...(forceDenied ? { title: forceDenied } : {})}>
        <input
          type="checkbox"
          checked={force && !forceDenied}
          disabled={forceDenied !== undefined}
          aria-describedby="register-force-hint"
          onChange={(e) => onForceChange(e.target.checked)}
        />
        Register despite breaking changes
      </label>
      <p id="register-force-hint" className="muted register__force-hint" data-testid={forceDenied ? 'permission-note' : undefined}>
        {forceDenied ?? 'Tick it and register again: the version is marked forced, with these changes recorded.'}
      </p>
    </>
  );
}
