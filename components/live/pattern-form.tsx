'use client';

import { useId, useState, type FormEvent } from 'react';

interface PatternFormProps {
  patterns: string[];
  /** The server's reason the last change was refused. */
  error: string | null;
  onFollow: (pattern: string) => Promise<boolean>;
  onUnfollow: (pattern: string) => Promise<boolean>;
}

/** Adds Redis glob patterns to the tail (Enter or the button) and lists those followed as removable chips. */
export function PatternForm({ patterns, error, onFollow, onUnfollow }: PatternFormProps) {
  const id = useId();
  const [draft, setDraft] = useState('*');
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    if (await onFollow(draft.trim())) setDraft('');
    setBusy(false);
  }

  return (
    <form className="live-patterns" onSubmit={(event) => void onSubmit(event)} aria-busy={busy}>
      <div className="live-patterns__add">
        <label htmlFor={`${id}-pattern`} className="live-label">
          Pattern
        </label>
        <input
          id={`${id}-pattern`}
          className="input mono live-patterns__input"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="orders.*"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
        />
        <button className="button" type="submit" disabled={busy}>
          Add pattern
        </button>
        <span id={`${id}-hint`} className="muted live-patterns__hint">
          Redis globs: <code>*</code> any text, <code>?</code> one character, <code>[abc]</code> a set.
        </span>
      </div>
      {patterns.length > 0 ? (
        <ul className="live-chips" aria-label="Followed patterns">
          {patterns.map((pattern) => (
            <li key={pattern} className="live-chip">
              <span className="mono">{pattern}</span>
              <button
                type="button"
                className="live-chip__remove"
                aria-label={`Remove pattern ${pattern}`}
                onClick={() => void onUnfollow(pattern)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted live-patterns__none">Following no pattern: add one to see traffic.</p>
      )}
      {error && (
        <p className="notice notice--error live-patterns__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
