'use client';

import { useId } from 'react';
import type { PublishChannelView } from '../../lib/publishing/schema-publisher.ts';

type ChannelMessage = PublishChannelView['messages'][number];

interface MessagePickerProps {
  messages: ChannelMessage[];
  value: string | null;
  onChange: (key: string) => void;
}

/** The message to publish: a labelled select when the channel has several, a line naming it when it has one. */
export function MessagePicker({ messages, value, onChange }: MessagePickerProps) {
  const id = useId();
  const [only] = messages;
  if (!only) return <p className="muted publish__hint">This channel declares no message: the payload is sent unchecked.</p>;
  if (messages.length === 1) {
    return (
      <p className="publish__message">
        <span className="publish__label">Message</span> <span className="mono">{messageLabel(only)}</span>
        {only.summary && <span className="muted"> — {only.summary}</span>}
      </p>
    );
  }
  return (
    <div className="publish__field">
      <label htmlFor={id} className="publish__label">
        Message
      </label>
      <select id={id} className="select" value={value ?? ''} onChange={(event) => onChange(event.target.value)}>
        {messages.map((message) => (
          <option key={message.key} value={message.key}>
            {messageLabel(message)}
            {message.summary ? ` — ${message.summary}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

export function messageLabel(message: Pick<ChannelMessage, 'key' | 'name' | 'title'>): string {
  return message.name ?? message.title ?? message.key;
}
