'use client';

import { useState } from 'react';

/** The one-time password of a user just invited, shown once, with a copy button and how to hand it over. */
export function OneTimePassword({ email, password, onDone }: { email: string; password: string; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section className="notice notice--success one-time-password" aria-labelledby="one-time-password-title" data-testid="one-time-password">
      <h2 id="one-time-password-title">{email} is invited</h2>
      <p>
        Their one-time password is shown only now: hand it over safely (in person or through a password manager, not in plain email or
        chat). They choose their own when they first sign in.
      </p>
      <p className="one-time-password__value">
        <code aria-label="One-time password">{password}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <span role="status">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'The browser refused to copy: select the password and copy it.' : ''}
        </span>
      </p>
      <button type="button" className="button" onClick={onDone}>
        Done, I have handed it over
      </button>
    </section>
  );
}
