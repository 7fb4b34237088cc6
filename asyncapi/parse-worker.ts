/**
 * The worker thread behind `createParsePool`: validates documents off the main event loop, one reused
 * parser for every request, and answers each request with its id.
 */
import { parentPort } from 'node:worker_threads';
import type { ParseRequest, ParseResponse } from './worker-connection.ts';
import { validateDocument } from './validate.ts';

if (!parentPort) throw new Error('parse-worker.ts runs in a worker thread; use createParsePool() from parse-pool.ts.');
const port = parentPort;

port.on('message', (request: ParseRequest) => {
  void validateDocument(request.raw).then((result) => {
    const response: ParseResponse = { id: request.id, result };
    port.postMessage(response);
  });
});
