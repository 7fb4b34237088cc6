'use client';

import { useState, type FormEvent } from 'react';
import { MAX_RECORDING_NAME_LENGTH, MAX_RECORDING_PATTERNS } from '../../lib/validations/recordings.ts';
import { problemOf, unreachable } from '../ui/request-problem.ts';
import { postJson } from './recording-view.ts';

/** Starts a recording (POST /api/recordings): a name, and patterns one per line or comma-separated; then `onStarted`. */
export function StartRecordingForm({ onStarted }: { onStarted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function start(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = data.get('patterns');
    const patterns = (typeof text === 'string' ? text : '')
      .split(/[\n,]/)
      .map((pattern) => pattern.trim())
      .filter(Boolean);
    setBusy(true);
    setProblem(null);
    try {
      const response = await postJson('/api/recordings', { name: data.get('name'), patterns });
      if (!response.ok) return setProblem(await problemOf(response, 'Starting the recording'));
      form.reset();
      onStarted();
    } catch (error) {
      setProblem(unreachable(error, 'no recording was started'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="start-recording-title">
      <h2 id="start-recording-title" className="section__title">
        Start a recording
      </h2>
      <form className="recording-form" onSubmit={(event) => void start(event)} aria-busy={busy}>
        <label>
          Name
          <input className="input" name="name" required maxLength={MAX_RECORDING_NAME_LENGTH} placeholder="orders before the release" />
        </label>
        <label>
          Patterns (up to {MAX_RECORDING_PATTERNS}, comma-separated)
          <input className="input" name="patterns" required placeholder="orders.*, payments.*" autoComplete="off" />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start recording'}
        </button>
      </form>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
