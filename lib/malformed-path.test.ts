import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { answerMalformedPath } from './malformed-path.ts';

// The listener server.ts puts in front of Next's handler, here in front of one that answers "next".
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    if (!answerMalformedPath(req, res)) res.end('next');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(() => server.close());

test('an API path with a malformed percent-encoding is a 400 with a JSON error', async () => {
  for (const path of ['/api/documents/%E0%A4%A', '/api/documents/%ZZ', '/api/documents/x/versions/%', '/api/documents/%C3']) {
    const response = await fetch(`${base}${path}`);
    assert.equal(response.status, 400, path);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, path);
    const { error } = (await response.json()) as { error: string };
    assert.match(error, /malformed percent-encoding/, path);
  }
});

test('a page path with one is a 400 in plain text', async () => {
  const response = await fetch(`${base}/documents/%E0%A4%A`);
  assert.equal(response.status, 400);
  assert.match(await response.text(), /^The path has a malformed percent-encoding/);
});

test('well-formed paths, and a malformed query string, go on to Next', async () => {
  for (const path of ['/api/documents/caf%C3%A9', '/api/documents/%00', '/api/documents?q=%E0%A4%A', '/socket.io/?EIO=4', '/']) {
    const response = await fetch(`${base}${path}`);
    assert.equal(await response.text(), 'next', path);
  }
});
