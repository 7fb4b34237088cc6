'use client';

import { useState, type FormEvent } from 'react';

/**
 * A draft to follow and whether a follow is on its way: `submit` follows the trimmed draft (never an empty one, nor
 * two at once) and clears it when the server took it.
 * @example const { draft, setDraft, busy, submit } = useFollowDraft('*', onFollow);
 */
export function useFollowDraft(initial: string, onFollow: (value: string) => Promise<boolean>) {
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const value = draft.trim();
    if (busy || !value) return;
    setBusy(true);
    if (await onFollow(value)) setDraft('');
    setBusy(false);
  }

  return { draft, setDraft, busy, submit };
}

interface FollowedChipsProps {
  items: string[];
  /** The list's accessible name. */
  label: string;
  /** The remove button's accessible name for one item. */
  removeLabel: (item: string) => string;
  onRemove: (item: string) => Promise<boolean>;
}

/** What the tail follows, as removable chips. */
export function FollowedChips({ items, label, removeLabel, onRemove }: FollowedChipsProps) {
  return (
    <ul className="live-chips" aria-label={label}>
      {items.map((item) => (
        <li key={item} className="live-chip">
          <span className="mono">{item}</span>
          <button type="button" className="live-chip__remove" aria-label={removeLabel(item)} onClick={() => void onRemove(item)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The server's reason the last follow or unfollow was refused. */
export function FollowError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="notice notice--error live-patterns__error" role="alert">
      {error}
    </p>
  );
}
