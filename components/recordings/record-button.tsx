'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { MAX_RECORDING_PATTERNS } from '../../lib/validations/recordings.ts';
import { problemOf, unreachable } from '../ui/request-problem.ts';
import { postJson } from './recording-view.ts';

type Status = { state: 'idle' } | { state: 'starting' } | { state: 'started'; id: string } | { state: 'failed'; message: string };

/** "Record": starts a recording of the tail's current patterns (POST /api/recordings) and links to it on /recordings. */
export function RecordButton({ patterns, allowance }: { patterns: readonly string[]; allowance: Allowance }) {
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const refusal = !allowance.allowed
    ? allowance.reason
    : patterns.length === 0
      ? 'Follow a pattern first.'
      : patterns.length > MAX_RECORDING_PATTERNS
        ? `A recording follows at most ${MAX_RECORDING_PATTERNS} patterns.`
        : null;

  async function record(): Promise<void> {
    setStatus({ state: 'starting' });
    try {
      const name = `Live tail ${new Date().toLocaleString()}`;
      const response = await postJson('/api/recordings', { name, patterns });
      if (!response.ok) return setStatus({ state: 'failed', message: await problemOf(response, 'Starting the recording') });
      setStatus({ state: 'started', id: ((await response.json()) as { id: string }).id });
    } catch (error) {
      setStatus({ state: 'failed', message: unreachable(error, 'no recording was started') });
    }
  }

  return (
    <span className="record-button">
      <button
        type="button"
        className="button"
        disabled={refusal !== null || status.state === 'starting'}
        title={refusal ?? `Record the messages on ${patterns.join(', ')}`}
        onClick={() => void record()}
        data-testid="record-tail"
      >
        {status.state === 'starting' ? 'Starting…' : 'Record'}
      </button>
      {status.state === 'started' && (
        <span role="status">
          Recording: <Link href="/recordings">see it on Recordings</Link>
        </span>
      )}
      {status.state === 'failed' && (
        <span className="notice notice--error" role="alert">
          {status.message}
        </span>
      )}
    </span>
  );
}
