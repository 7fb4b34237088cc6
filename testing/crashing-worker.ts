/**
 * A stand-in parse worker for the pool's tests: answers every request after a short delay with a result that
 * echoes its text; dies at once on the text `crash`, as a parser bug would, and never answers `hang`, as a
 * parse of exponentially expanding YAML aliases would.
 */
import { parentPort } from 'node:worker_threads';
import type { ParseRequest, ParseResponse, WorkerMessage } from '../asyncapi/worker-connection.ts';

const port = parentPort;
port?.on('message', (request: ParseRequest) => {
  const { id } = request;
  const raw = request.kind === 'validate' ? request.raw : 'diff';
  if (raw === 'crash') throw new Error('simulated parser crash');
  if (raw === 'hang') return;
  const response: ParseResponse = { id, result: { valid: false, error: `echo: ${raw}`, diagnostics: [] } };
  setTimeout(() => port.postMessage(response), 50);
});
port?.postMessage({ ready: true } satisfies WorkerMessage);
