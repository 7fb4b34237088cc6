/**
 * The worker thread behind `startParseWorker`: validates documents and compares versions off the main event
 * loop, one reused parser for every request, and answers each request with its id.
 */
import { parentPort } from 'node:worker_threads';
import { diffVersions } from './diff/diff-versions.ts';
import type { ParseRequest, ParseResponse, WorkerMessage } from './worker-connection.ts';
import { validateDocument } from './validate.ts';

if (!parentPort) throw new Error('parse-worker-thread.ts runs in a worker thread; use startParseWorker() from parse-worker.ts.');
const port = parentPort;

async function answer(request: ParseRequest): Promise<ParseResponse> {
  try {
    const result = request.kind === 'validate' ? await validateDocument(request.raw) : diffVersions(request.before, request.after);
    return { id: request.id, result };
  } catch (error) {
    return {
      id: request.id,
      error: `Could not ${request.kind === 'validate' ? 'validate the document' : 'compare the versions'}: ${(error as Error).message}`,
    };
  }
}

port.on('message', (request: ParseRequest) => {
  void answer(request).then((response) => port.postMessage(response));
});
// The parser is loaded: a request's time limit starts now, not while this thread was still importing it.
port.postMessage({ ready: true } satisfies WorkerMessage);
