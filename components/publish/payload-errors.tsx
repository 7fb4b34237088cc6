'use client';

import { useId } from 'react';
import type { PayloadIssue } from '../../asyncapi/payload-schema.ts';

interface PayloadErrorsProps {
  error: string;
  errors: PayloadIssue[];
  sending: boolean;
  onSendAnyway: () => void;
}

/** Why the payload was refused, each problem with its path, and the deliberate way past: "Send anyway". */
export function PayloadErrors({ error, errors, sending, onSendAnyway }: PayloadErrorsProps) {
  const hintId = useId();
  return (
    <div className="notice notice--error publish__violation" role="alert" data-testid="payload-errors">
      <p>{error}</p>
      <ul className="publish__issues">
        {errors.map((issue, index) => (
          <li key={index}>
            <code className="publish__issue-path">{issue.path === '' ? '(root)' : issue.path}</code> {issue.message}
          </li>
        ))}
      </ul>
      <button type="button" className="button publish__force" onClick={onSendAnyway} disabled={sending} aria-describedby={hintId}>
        Send anyway
      </button>
      <span id={hintId} className="publish__hint">
        Sends this invalid payload on purpose, as a negative test for consumers.
      </span>
    </div>
  );
}
