'use client';

import { useId } from 'react';
import { FollowedChips, FollowError, useFollowDraft } from './follow-form.tsx';

interface ShardChannelFormProps {
  channels: string[];
  /** The server's reason the last change was refused. */
  error: string | null;
  /** Catalogued channels with an exact address (no parameters), offered as suggestions. */
  suggestions: string[];
  onFollow: (channel: string) => Promise<boolean>;
  onUnfollow: (channel: string) => Promise<boolean>;
}

/**
 * Follows exact shard channels (SSUBSCRIBE) for SPUBLISH traffic, which no pattern receives; offers the catalogue's
 * exact addresses. Folded away until opened, or while some are followed.
 */
export function ShardChannelForm({ channels, error, suggestions, onFollow, onUnfollow }: ShardChannelFormProps) {
  const id = useId();
  const { draft, setDraft, busy, submit } = useFollowDraft('', onFollow);
  const offered = suggestions.filter((channel) => !channels.includes(channel));

  return (
    <details className="live-shards" open={channels.length > 0 || undefined} data-testid="shard-channels">
      <summary>Sharded pub/sub (SPUBLISH){channels.length > 0 ? ` · ${channels.length} followed` : ''}</summary>
      <p className="muted live-shards__note">
        A message published with <code>SPUBLISH</code> reaches only subscribers of its exact channel, so no pattern above shows it. Follow
        the channel itself here (<code>SSUBSCRIBE</code>); its messages are marked <em>sharded</em> and checked against the catalogue, but
        not counted in traffic or drift.
      </p>
      <form className="live-patterns__add" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <label htmlFor={`${id}-channel`} className="live-label">
          Shard channel
        </label>
        <input
          id={`${id}-channel`}
          className="input mono live-patterns__input"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder={offered[0] ?? 'orders.created'}
          list={offered.length > 0 ? `${id}-catalogued` : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        {offered.length > 0 && (
          <datalist id={`${id}-catalogued`}>
            {offered.map((channel) => (
              <option key={channel} value={channel} />
            ))}
          </datalist>
        )}
        <button className="button" type="submit" disabled={busy || !draft.trim()}>
          Follow channel
        </button>
      </form>
      {offered.length > 0 && (
        <div className="live-shards__offers">
          <span className="muted">From the catalogue:</span>
          <ul className="live-shards__offer-list" aria-label="Shard channels offered from the catalogue">
            {offered.slice(0, 12).map((channel) => (
              <li key={channel}>
                <button type="button" className="button live-shards__offer mono" disabled={busy} onClick={() => void onFollow(channel)}>
                  {channel}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {channels.length > 0 && (
        <FollowedChips
          items={channels}
          label="Followed shard channels"
          removeLabel={(channel) => `Stop following shard channel ${channel}`}
          onRemove={onUnfollow}
        />
      )}
      <FollowError error={error} />
    </details>
  );
}
