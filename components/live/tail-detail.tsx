'use client';

import { memo, useMemo, useState } from 'react';
import { ConformanceDetail } from './conformance-detail.tsx';
import { formatBytes, formatClock, readablePayload } from './format.ts';
import { HexView } from './hex-view.tsx';
import { ResendActions } from './resend-actions.tsx';
import type { MessageEntry } from './tail-store.ts';
import './tail-list.css';

interface TailDetailProps {
  entry: MessageEntry;
  onClose: () => void;
}

/**
 * The selected message in full: JSON indented when it parses, else the text as it came, binary in hex; binary Avro the
 * portal decoded is labelled so. Never interpreted as HTML. Escape closes it (the live tail listens for it).
 */
export const TailDetail = memo(function TailDetail({ entry, onClose }: TailDetailProps) {
  const { message } = entry;
  const binary = message.encoding === 'base64';
  const payload = useMemo(() => (binary ? { text: '', json: false } : readablePayload(message.payload)), [binary, message.payload]);
  const shownBytes = useMemo(() => new TextEncoder().encode(message.payload).byteLength, [message.payload]);
  const decoded = message.encoding === 'avro-binary';
  const [copied, setCopied] = useState(false);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(message.payload);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <section className="live-detail" data-testid="tail-detail" aria-label="Selected message">
      <header className="live-detail__head">
        <h2 className="live-detail__channel">{message.channel}</h2>
        <dl className="live-detail__meta">
          <div>
            <dt>Received</dt>
            <dd>{formatClock(message.receivedAt)}</dd>
          </div>
          <div>
            <dt>Pattern</dt>
            <dd className="mono">{message.pattern}</dd>
          </div>
          <div>
            <dt>Size</dt>
            <dd>{formatBytes(message.size)}</dd>
          </div>
          <div>
            <dt>Format</dt>
            <dd>{binary ? 'Binary' : payload.json ? 'JSON' : 'Text'}</dd>
          </div>
          {decoded && (
            <div>
              <dt>Encoding</dt>
              <dd>
                <span className="badge badge--info" data-testid="decoded-label">
                  decoded from Avro binary
                </span>
              </dd>
            </div>
          )}
        </dl>
        <div className="live-detail__actions">
          <button className="button" type="button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy payload'}
          </button>
          <button className="button" type="button" onClick={onClose} aria-keyshortcuts="Escape">
            Close details
          </button>
        </div>
        <ResendActions message={message} />
      </header>
      {message.conformance && <ConformanceDetail conformance={message.conformance} />}
      {message.truncated && !binary && (
        <p className="notice live-detail__truncated">
          <span className="badge badge--warning">truncated</span> The tail shows the first {formatBytes(shownBytes)} of{' '}
          {decoded
            ? `the Avro JSON this ${formatBytes(message.size)} binary payload decodes to`
            : `this ${formatBytes(message.size)} payload`}
          ; subscribers received all of it.
        </p>
      )}
      {binary ? (
        <HexView base64={message.payload} size={message.size} />
      ) : (
        <pre className="live-detail__payload" tabIndex={0} aria-label="Message content">
          {payload.text}
        </pre>
      )}
    </section>
  );
});
