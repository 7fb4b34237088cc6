'use client';

import { BreakingChanges } from './breaking-changes.tsx';
import type { SubmitOutcome } from './submit-document.ts';
import { DiagnosticsList, summariseDiagnostics } from './diagnostics-list.tsx';

interface RegisterOutcomeProps {
  outcome: SubmitOutcome | null;
  activeIndex: number | null;
  onSelect: (index: number, line: number) => void;
  force: boolean;
  onForceChange: (force: boolean) => void;
  /** Why the override is disabled for this visitor, when it is. */
  forceDenied?: string;
}

/** What the last registration attempt did: success, refusal with diagnostics or breaking changes, or an error. */
export function RegisterOutcome({ outcome, activeIndex, onSelect, force, onForceChange, forceDenied }: RegisterOutcomeProps) {
  if (!outcome) return <RegisterHelp />;
  if (outcome.kind === 'breaking') {
    return (
      <BreakingChanges
        error={outcome.error}
        changes={outcome.breakingChanges}
        force={force}
        onForceChange={onForceChange}
        {...(forceDenied ? { forceDenied } : {})}
      />
    );
  }
  if (outcome.kind === 'registered') {
    return (
      <div className="notice notice--success" role="status">
        <p>
          {outcome.status === 'created' ? (
            <>
              Registered <strong>{outcome.slug}</strong> version <span className="mono">{outcome.version}</span>
              {outcome.forced ? ', marked forced over its breaking changes' : ''}.
            </>
          ) : (
            <>
              Already registered, no new version: <strong>{outcome.slug}</strong> <span className="mono">{outcome.version}</span> has
              exactly this content.
            </>
          )}{' '}
          Opening it…
        </p>
      </div>
    );
  }
  if (outcome.kind === 'failed') {
    return (
      <div className="notice notice--error" role="alert">
        <p>{outcome.error}</p>
      </div>
    );
  }
  return (
    <>
      <div className="notice notice--error" role="alert">
        <p>
          <strong>Not registered.</strong> {outcome.error}
        </p>
        {outcome.diagnostics.length > 0 && (
          <p className="notice__sub">{summariseDiagnostics(outcome.diagnostics)}; select one to go to its line.</p>
        )}
      </div>
      <DiagnosticsList diagnostics={outcome.diagnostics} activeIndex={activeIndex} onSelect={onSelect} />
    </>
  );
}

function RegisterHelp() {
  return (
    <div className="register-help">
      <h2>How it works</h2>
      <ul>
        <li>Paste an AsyncAPI 2.x or 3.x document, or upload a .yaml, .yml or .json file (up to 5 MB).</li>
        <li>The document is validated first; if anything is wrong, nothing is stored and every problem is listed here with its line.</li>
        <li>
          Its <code>info.title</code> names the document and <code>info.version</code> is the version: bump the version to register a
          change.
        </li>
        <li>
          A new version that breaks its users (a removed property, a new required one, a changed type) needs a major version bump; otherwise
          it is refused with the list of breaking changes, and you may register it anyway, marked forced.
        </li>
        <li>
          <kbd>Ctrl</kbd> + <kbd>Enter</kbd> (<kbd>⌘</kbd> + <kbd>Enter</kbd> on a Mac) registers.
        </li>
      </ul>
    </div>
  );
}
