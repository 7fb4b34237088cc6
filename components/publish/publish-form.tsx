'use client';

import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { deliveredText, publishEvent, type PublishOutcome } from './publish-event';
import './publish.css';

/**
 * Publishes a test event on a Redis channel through /api/publish. Ctrl/Cmd+Enter sends; the topic stays
 * after sending so the next event goes to the same place.
 */
export function PublishForm({ compact = false }: { compact?: boolean }) {
  const id = useId();
  const [topic, setTopic] = useState('');
  const [payload, setPayload] = useState('');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const bytes = useMemo(() => new TextEncoder().encode(payload).byteLength, [payload]);

  async function publish(): Promise<void> {
    if (sending) return;
    setSending(true);
    setOutcome(null);
    setOutcome(await publishEvent(topic, payload));
    setSending(false);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void publish();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void publish();
  }

  return (
    <form className={compact ? 'publish publish--compact' : 'publish'} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-busy={sending}>
      <div className="publish__field">
        <label htmlFor={`${id}-topic`} className="publish__label">
          Topic
        </label>
        <input
          id={`${id}-topic`}
          className="input mono publish__topic"
          value={topic}
          onChange={(event) => setTopic(event.target.value)}
          placeholder="orders.created"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="publish__field">
        <label htmlFor={`${id}-payload`} className="publish__label">
          Payload
        </label>
        <textarea
          id={`${id}-payload`}
          className="publish__payload"
          value={payload}
          onChange={(event) => setPayload(event.target.value)}
          placeholder={'{"id": 1}'}
          rows={compact ? 6 : 12}
          spellCheck={false}
          aria-describedby={`${id}-hint`}
        />
        <span id={`${id}-hint`} className="muted publish__hint">
          Sent verbatim as text ({bytes} {bytes === 1 ? 'byte' : 'bytes'}, up to 1 MB). <kbd>Ctrl</kbd>+<kbd>Enter</kbd> publishes.
        </span>
      </div>
      <div className="publish__footer">
        <button className="button button--primary publish__submit" type="submit" disabled={sending}>
          {sending ? 'Publishing…' : 'Publish'}
        </button>
        <div role="status">
          {outcome?.kind === 'delivered' && (
            <p className="notice notice--success">
              {deliveredText(outcome.receivers)}
              {outcome.receivers === 0 && ': nothing is subscribed to this topic right now.'}
            </p>
          )}
        </div>
        {outcome?.kind === 'failed' && (
          <p className="notice notice--error" role="alert">
            {outcome.error}
          </p>
        )}
      </div>
    </form>
  );
}
