import type { IncomingMessage, ServerResponse } from 'node:http';

const MESSAGE =
  'The path has a malformed percent-encoding: each % must start an escape of UTF-8 bytes, like %C3%A9 for é, and a % itself is %25.';

/**
 * Answers a request whose path is not valid percent-encoded UTF-8 (`/api/documents/%E0%A4%A`) with a 400,
 * JSON `{ error }` under /api/, and returns true; Next cannot decode such a path and answers a bare 500.
 * @example createServer((req, res) => { if (!answerMalformedPath(req, res)) void handle(req, res); });
 */
export function answerMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  if (decodes(path)) return false;
  const api = path.startsWith('/api/');
  res.writeHead(400, { 'Content-Type': api ? 'application/json' : 'text/plain; charset=utf-8' });
  res.end(api ? JSON.stringify({ error: MESSAGE }) : MESSAGE);
  return true;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
