'use client';

import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { isBinaryAvro } from '../../asyncapi/avro-content-type.ts';
import { AddressParameters } from './address-parameters.tsx';
import type { ChannelChoice } from './catalogue-channels.ts';
import { ChannelPicker } from './channel-picker.tsx';
import { MessagePicker, messageLabel } from './message-picker.tsx';
import { publishEvent, type PublishOutcome } from './publish-event.ts';
import type { PublishDraft } from './publish-link.ts';
import { PublishOutcomeView } from './publish-outcome.tsx';
import { requestProblems } from './request-problems.ts';
import { TopicField } from './topic-field.tsx';
import { useSchemaTarget } from './use-schema-target.ts';
import './publish.css';

/**
 * Publishes a test event on a Redis channel through /api/publish. With a catalogued channel chosen, the
 * topic is built from its address and parameters, the payload starts from its message's example (or a
 * sample of its schema) and is checked against that schema before sending. The request is first checked
 * with the handler's own zod schema, its problems shown at the topic or in the outcome, so nothing the
 * handler refuses is sent. Ctrl/Cmd+Enter sends; the topic stays after sending so the next event goes to
 * the same place. `initialChoice` starts it on that catalogued channel (a "Publish to this channel" link); `draft` fills
 * the topic and payload to start from (the live tail's "Edit and send").
 */
export function PublishForm({
  compact = false,
  initialChoice,
  draft,
}: {
  compact?: boolean;
  initialChoice?: ChannelChoice;
  draft?: PublishDraft;
}) {
  const id = useId();
  const [freeTopic, setFreeTopic] = useState(draft?.topic ?? '');
  const [payload, setPayload] = useState(draft?.payload ?? '');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  /** The topic last refused by the schema, with why: shown while the topic stays as it was. */
  const [refusedTopic, setRefusedTopic] = useState<{ topic: string; problems: string[] } | null>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const topicField = useRef<HTMLInputElement>(null);
  const target = useSchemaTarget((template) => {
    setPayload(template);
    setOutcome(null);
  });
  const topic = target.topic ?? freeTopic;
  const bytes = useMemo(() => new TextEncoder().encode(payload).byteLength, [payload]);
  const waiting = target.chosen.status === 'loading' || target.chosen.status === 'error';
  const topicProblems = refusedTopic?.topic === topic ? refusedTopic.problems : [];
  const { choose } = target;
  const linked = useRef(initialChoice);

  // Once, on mount: the channel a link asked for, loaded as if picked.
  useEffect(() => {
    const choice = linked.current;
    linked.current = undefined;
    if (choice) void choose(choice);
  }, [choose]);

  async function publish(force: boolean): Promise<void> {
    if (sending || waiting) return;
    const request = { topic, payload, schema: target.schema, force: force || undefined };
    const problems = requestProblems(request);
    setRefusedTopic(problems && problems.topic.length > 0 ? { topic, problems: problems.topic } : null);
    if (problems) {
      setOutcome(problems.other.length > 0 ? { kind: 'failed', error: problems.other.join(' ') } : null);
      if (problems.topic.length > 0) topicField.current?.focus();
      return;
    }
    setSending(true);
    setOutcome(null);
    const result = await publishEvent(request);
    // Rendered at once, so the button is enabled again and can take the focus "Send anyway" had.
    flushSync(() => {
      setOutcome(result);
      setSending(false);
    });
    if (force) submitButton.current?.focus();
  }

  function chooseChannel(choice: ChannelChoice | null): void {
    // Back to any topic: keep the last built topic to edit by hand.
    if (!choice && target.topic !== null) setFreeTopic(target.topic);
    setOutcome(null);
    void target.choose(choice);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void publish(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    // Through the form, so empty required parameters are reported as for the button.
    event.currentTarget.requestSubmit();
  }

  return (
    <form className={compact ? 'publish publish--compact' : 'publish'} onSubmit={onSubmit} onKeyDown={onKeyDown} aria-busy={sending}>
      <ChannelPicker list={target.list} value={target.choice} onChange={chooseChannel} onRetry={target.retryList} />
      {target.chosen.status === 'loading' && (
        <p className="muted publish__hint" role="status">
          Loading the channel&apos;s parameters and messages…
        </p>
      )}
      {target.chosen.status === 'error' && (
        <p className="notice notice--error" role="alert">
          This channel could not be loaded: {target.chosen.error}
        </p>
      )}
      {target.channel && (
        <>
          <AddressParameters parameters={target.channel.parameters} values={target.parameters} onChange={target.setParameter} />
          <MessagePicker messages={target.channel.messages} value={target.message?.key ?? null} onChange={target.chooseMessage} />
        </>
      )}
      <TopicField
        value={topic}
        onChange={setFreeTopic}
        builtFrom={
          target.topic !== null ? { address: target.channel?.address ?? null, hasParameters: !!target.channel?.parameters.length } : null
        }
        problems={topicProblems}
        inputRef={topicField}
      />
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
          {target.message &&
            (target.message.template.source === 'example'
              ? `Filled from the example of ${messageLabel(target.message)}; checked against its schema before sending. `
              : `Generated from the schema of ${messageLabel(target.message)} (the document has no example); checked against it before sending. `)}
          {target.message && isBinaryAvro(target.message)
            ? `Typed in Avro's JSON encoding, sent as binary Avro encoded with the message's schema (up to 1 MB typed). `
            : `Sent verbatim as text (${bytes} ${bytes === 1 ? 'byte' : 'bytes'}, up to 1 MB). `}
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> publishes.
        </span>
      </div>
      <div className="publish__footer">
        <button ref={submitButton} className="button button--primary publish__submit" type="submit" disabled={sending || waiting}>
          {sending ? 'Publishing…' : 'Publish'}
        </button>
        <PublishOutcomeView outcome={outcome} sending={sending} onSendAnyway={() => void publish(true)} />
      </div>
    </form>
  );
}
