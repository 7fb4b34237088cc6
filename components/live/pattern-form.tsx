'use client';

import { useId } from 'react';
import { FollowedChips, FollowError, useFollowDraft } from './follow-form.tsx';

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
  const { draft, setDraft, busy, submit } = useFollowDraft('*', onFollow);

  return (
    <form className="live-patterns" onSubmit={(event) => void submit(event)} aria-busy={busy}>
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
        <FollowedChips
          items={patterns}
          label="Followed patterns"
          removeLabel={(pattern) => `Remove pattern ${pattern}`}
          onRemove={onUnfollow}
        />
      ) : (
        <p className="muted live-patterns__none">Following no pattern: add one to see traffic.</p>
      )}
      <FollowError error={error} />
    </form>
  );
}
