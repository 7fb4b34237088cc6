'use client';

import { useId, type Ref } from 'react';

interface TopicFieldProps {
  value: string;
  onChange: (topic: string) => void;
  /** The catalogued channel the topic is built from, when one is chosen: the field is then read-only. */
  builtFrom: { address: string | null; hasParameters: boolean } | null;
  /** Why the schema refused this topic; the field is marked invalid and described by them. */
  problems: string[];
  inputRef: Ref<HTMLInputElement>;
}

/** The Redis channel to publish to: typed freely, or built from a catalogued channel's address. */
export function TopicField({ value, onChange, builtFrom, problems, inputRef }: TopicFieldProps) {
  const id = useId();
  const describedBy = [problems.length > 0 && `${id}-error`, builtFrom && `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className="publish__field">
      <label htmlFor={id} className="publish__label">
        Topic
      </label>
      <input
        ref={inputRef}
        id={id}
        className="input mono publish__topic"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        readOnly={builtFrom !== null}
        placeholder="orders.created"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={describedBy || undefined}
      />
      {problems.length > 0 && (
        <span id={`${id}-error`} className="publish__hint publish__error">
          {problems.join(' ')}
        </span>
      )}
      {builtFrom && (
        <span id={`${id}-hint`} className="muted publish__hint">
          Built from the channel&apos;s address <code>{builtFrom.address}</code>
          {builtFrom.hasParameters ? '; edit the parameters above.' : '.'} Choose &ldquo;Any topic&rdquo; to type one freely.
        </span>
      )}
    </div>
  );
}
