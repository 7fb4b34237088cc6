'use client';

import { useState } from 'react';
import { REPLAY_SPEEDS, type ReplaySpeed } from '../../lib/validations/recordings.ts';
import { problemOf, unreachable } from '../ui/request-problem.ts';
import { postJson, type RecordingView } from './recording-view.ts';

const SPEED_LABELS: Record<ReplaySpeed, string> = { '1': 'Real time', '10': '10× faster', max: 'As fast as possible' };

/** A recording's actions: stop it while it records; once stopped, replay it at a speed onto an optional prefix, or cancel that. */
export function RecordingActions({ recording, onChange }: { recording: RecordingView; onChange: () => void }) {
  const [speed, setSpeed] = useState<ReplaySpeed>('max');
  const [prefix, setPrefix] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const path = `/api/recordings/${encodeURIComponent(recording.id)}`;

  async function act(what: string, request: () => Promise<Response>): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      const response = await request();
      if (!response.ok) setProblem(await problemOf(response, what));
      onChange();
    } catch (error) {
      setProblem(unreachable(error, `${what} did not happen`));
    } finally {
      setBusy(false);
    }
  }

  const replay = () =>
    act('Replaying', () =>
      postJson(`${path}/replay`, { speed: speed === 'max' ? 'max' : Number(speed), ...(prefix ? { topicPrefix: prefix } : {}) }),
    );
  return (
    <div className="recording-actions" aria-busy={busy}>
      {recording.state === 'recording' ? (
        <button type="button" className="button" disabled={busy} onClick={() => void act('Stopping', () => postJson(`${path}/stop`))}>
          Stop<span className="visually-hidden"> {recording.name}</span>
        </button>
      ) : recording.replay.state === 'running' ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void act('Cancelling', () => postJson(`${path}/replay/cancel`))}
        >
          Cancel replay<span className="visually-hidden"> of {recording.name}</span>
        </button>
      ) : (
        <>
          <select
            className="select"
            aria-label={`Replay speed of ${recording.name}`}
            value={speed}
            onChange={(e) => setSpeed(e.target.value as ReplaySpeed)}
          >
            {REPLAY_SPEEDS.map((value) => (
              <option key={value} value={value}>
                {SPEED_LABELS[value]}
              </option>
            ))}
          </select>
          <input
            className="input"
            aria-label={`Topic prefix for the replay of ${recording.name}`}
            placeholder="topic prefix (optional)"
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
          />
          <button type="button" className="button" disabled={busy || recording.messages === 0} onClick={() => void replay()}>
            Replay<span className="visually-hidden"> {recording.name}</span>
          </button>
        </>
      )}
      {problem && (
        <span className="notice notice--error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
