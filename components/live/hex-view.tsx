'use client';

import { useMemo } from 'react';
import { formatBytes } from './format.ts';
import { base64Bytes, hexDump, HEX_VIEW_LIMIT } from './hex-dump.ts';

/** A binary payload (sent in base64) as offset, hex bytes and ASCII, at most its first 64 KiB. */
export function HexView({ base64, size }: { base64: string; size: number }) {
  const dump = useMemo(() => hexDump(base64Bytes(base64)), [base64]);
  return (
    <>
      <p className="muted live-detail__note">
        Binary payload (not UTF-8): {formatBytes(dump.shown)} shown in hex
        {size > dump.shown ? ` of ${formatBytes(size)}; the view stops at ${formatBytes(HEX_VIEW_LIMIT)}` : ''}.
      </p>
      <pre className="live-detail__payload live-detail__hex" tabIndex={0} aria-label="Message content in hex" data-testid="hex-view">
        {dump.lines.join('\n')}
      </pre>
    </>
  );
}
