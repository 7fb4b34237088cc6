'use client';

import type { Change } from '../../asyncapi/diff/types.ts';
import { ChangeList } from '../diff/change-list.tsx';
import '../diff/diff.css';

interface BreakingChangesProps {
  error: string;
  changes: Change[];
  force: boolean;
  onForceChange: (force: boolean) => void;
}

/** A registration refused for breaking changes: what they are, and the explicit override. */
export function BreakingChanges({ error, changes, force, onForceChange }: BreakingChangesProps) {
  return (
    <>
      <div className="notice notice--error" role="alert">
        <p>
          <strong>Not registered.</strong> {error}
        </p>
      </div>
      <ChangeList changes={changes} label="Breaking changes" />
      <label className="register__force">
        <input type="checkbox" checked={force} onChange={(e) => onForceChange(e.target.checked)} />
        Register despite breaking changes
      </label>
      <p className="muted register__force-hint">Tick it and register again: the version is marked forced, with these changes recorded.</p>
    </>
  );
}
