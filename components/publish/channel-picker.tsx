'use client';

import { useId } from 'react';
import { choiceValue, parseChoice, type ChannelChoice } from './catalogue-channels.ts';
import type { ChannelListState } from './use-catalogue-channel.ts';

interface ChannelPickerProps {
  list: ChannelListState;
  value: ChannelChoice | null;
  onChange: (choice: ChannelChoice | null) => void;
  onRetry: () => void;
}

/** "Catalogued channel": any topic, or a channel of a document's latest version, grouped by document. */
export function ChannelPicker({ list, value, onChange, onRetry }: ChannelPickerProps) {
  const id = useId();
  const groups = list.status === 'ready' ? list.groups : [];
  return (
    <div className="publish__field">
      <label htmlFor={id} className="publish__label">
        Catalogued channel
      </label>
      <select
        id={id}
        className="select publish__channel"
        value={value ? choiceValue(value) : ''}
        onChange={(event) => onChange(parseChoice(event.target.value))}
        disabled={list.status === 'loading'}
        aria-describedby={`${id}-hint`}
      >
        <option value="">{list.status === 'loading' ? 'Loading catalogued channels…' : 'Any topic'}</option>
        {groups.map((group) => (
          <optgroup key={group.slug} label={`${group.title} ${group.version}`}>
            {group.channels.map((channel) => (
              <option key={channel.key} value={choiceValue({ slug: group.slug, version: group.version, key: channel.key })}>
                {channel.address}
                {channel.messages.length > 0 ? ` — ${channel.messages.map((m) => m.name ?? m.key).join(', ')}` : ''}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <span id={`${id}-hint`} className="muted publish__hint">
        {list.status === 'ready' && groups.length === 0
          ? 'The catalogue has no channels yet: register a document to publish against its schemas.'
          : 'Choose a channel to fill the topic and payload from the catalogue and check the payload before sending.'}
      </span>
      {list.status === 'error' && (
        <div className="notice notice--error publish__inline-error" role="alert">
          <p>The catalogued channels could not be loaded: {list.error}</p>
          <button type="button" className="button" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
    </div>
  );
}
