'use client';

import { useRef, useState } from 'react';

/** A token just made, shown once: its text to copy, and the warning that it will not be shown again. */
export function NewTokenNotice({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('copied');
    } catch {
      // Without clipboard access (plain http off localhost) the text is selected for Ctrl+C instead.
      field.current?.select();
      setCopied('select');
    }
  }

  return (
    <section className="notice notice--success new-token" role="status" aria-labelledby="new-token-title" data-testid="new-token">
      <p id="new-token-title">
        <strong>Token “{name}” created.</strong> Copy it now: it is shown only this once, and only its hash is kept.
      </p>
      <div className="new-token__text">
        <input ref={field} className="input" readOnly value={token} aria-label="The new token" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Done
        </button>
      </div>
      <p aria-live="polite">
        {copied === 'copied' && 'Copied to the clipboard.'}
        {copied === 'select' && 'The browser refused the clipboard: the token is selected, press Ctrl+C (⌘C) to copy it.'}
        {!copied && 'Send it as Authorization: Bearer <token>; anyone holding it acts with its role until it is revoked.'}
      </p>
    </section>
  );
}
