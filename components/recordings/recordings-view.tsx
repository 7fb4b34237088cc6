'use client';

import { useState } from 'react';
import type { Allowance } from '../../lib/auth/permissions.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';
import { useVisiblePolling } from '../ui/use-visible-polling.ts';
import { RecordingActions } from './recording-actions.tsx';
import { replayText, type RecordingView } from './recording-view.ts';
import { StartRecordingForm } from './start-recording-form.tsx';
import './recordings.css';

/** How often the list is read again, for the counts of running recordings and replays. */
const POLL_MS = 1_000;

/** The recordings, kept fresh while the tab is visible; with `allowance`, the form to start one and each one's actions. */
export function RecordingsView({ initial, allowance }: { initial: RecordingView[]; allowance: Allowance }) {
  const [recordings, setRecordings] = useState(initial);
  const [version, setVersion] = useState(0);
  useVisiblePolling({
    fetch: async (signal) => {
      const response = await fetch('/api/recordings', { signal }).catch(() => null);
      return response?.ok ? ((await response.json()) as { recordings: RecordingView[] }).recordings : null;
    },
    onAnswer: setRecordings,
    intervalMs: POLL_MS,
    immediate: version > 0,
    key: String(version),
  });
  const refresh = (): void => setVersion((n) => n + 1);
  const columns: TableColumn<RecordingView>[] = [
    { header: 'Name', cell: (r) => r.name },
    { header: 'Patterns', cell: (r) => <code>{r.patterns.join(', ')}</code> },
    { header: 'State', cell: (r) => (r.state === 'recording' ? 'recording' : `stopped (${r.stopReason ?? 'stopped'})`) },
    { header: 'Messages', cell: (r) => `${r.messages} of at most ${r.maxMessages}` },
    { header: 'Bytes', cell: (r) => r.bytes.toLocaleString() },
    { header: 'Started', cell: (r) => new Date(r.startedAt).toLocaleString() },
    { header: 'Stopped', cell: (r) => (r.stoppedAt ? new Date(r.stoppedAt).toLocaleString() : '—') },
    {
      header: 'Export',
      cell: (r) => (
        <span className="recording-export">
          <a href={`/api/recordings/${encodeURIComponent(r.id)}/messages?format=ndjson`}>NDJSON</a>{' '}
          <a href={`/api/recordings/${encodeURIComponent(r.id)}/messages?format=json`}>JSON</a>
        </span>
      ),
    },
    { header: 'Replay', cell: (r) => <span data-testid="replay-progress">{replayText(r)}</span> },
  ];
  if (allowance.allowed) columns.push({ header: 'Actions', cell: (r) => <RecordingActions recording={r} onChange={refresh} /> });
  return (
    <>
      {allowance.allowed ? (
        <StartRecordingForm onStarted={refresh} />
      ) : (
        <p className="notice" role="status">
          {allowance.reason}
        </p>
      )}
      <section className="section" aria-labelledby="recordings-title">
        <h2 id="recordings-title" className="section__title">
          All recordings
        </h2>
        {recordings.length === 0 ? (
          <EmptyState title="No recordings yet">Start one above, or press Record on the live tail.</EmptyState>
        ) : (
          <Table columns={columns} rows={recordings} rowKey={(r) => r.id} label="Recordings" testId="recordings-table" />
        )}
      </section>
    </>
  );
}
