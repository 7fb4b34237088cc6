import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorResponse } from './http.ts';
import { DOCUMENT_BODY, JSON_BODY, guardStateChange } from './request-guard.ts';

const none: string[] = [];
const request = (headers: Record<string, string>): Request =>
  new Request('http://127.0.0.1:3000/api/publish', { method: 'POST', headers: { Host: '127.0.0.1:3000', ...headers } });

/** The answer a route gives when the guard refuses the request. */
function refusal(headers: Record<string, string>, options: Parameters<typeof guardStateChange>[1]): Response {
  try {
    guardStateChange(request(headers), options);
  } catch (error) {
    return errorResponse(error);
  }
  assert.fail(`the request was not refused: ${JSON.stringify(headers)}`);
}

test('a request from another site is a 403 that names the origin', async () => {
  const foreign = refusal(
    { Origin: 'https://evil.example', 'Content-Type': 'application/json' },
    { accept: JSON_BODY, allowedOrigins: none },
  );
  assert.equal(foreign.status, 403);
  assert.match(((await foreign.json()) as { error: string }).error, /https:\/\/evil\.example.*ALLOWED_ORIGINS/);
  assert.equal(refusal({ 'Sec-Fetch-Site': 'cross-site' }, { allowedOrigins: none }).status, 403);
  assert.equal(refusal({ Origin: 'null' }, { allowedOrigins: none }).status, 403);
  assert.doesNotThrow(() =>
    guardStateChange(request({ Origin: 'https://portal.example.com' }), { allowedOrigins: ['https://portal.example.com'] }),
  );
});

test('a JSON endpoint refuses another Content-Type, or none, with a 415 listing what it takes', async () => {
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    assert.equal(refusal({ 'Content-Type': contentType }, { accept: JSON_BODY, allowedOrigins: none }).status, 415, contentType);
  }
  const missing = refusal({}, { accept: JSON_BODY, allowedOrigins: none });
  assert.equal(missing.status, 415);
  assert.deepEqual(await missing.json(), {
    error: 'Send the body with Content-Type: application/json (got none).',
    accepted: ['application/json'],
  });
  assert.doesNotThrow(() =>
    guardStateChange(request({ 'Content-Type': 'Application/JSON; charset=utf-8' }), { accept: JSON_BODY, allowedOrigins: none }),
  );
  assert.doesNotThrow(() =>
    guardStateChange(request({ 'Content-Type': 'application/yaml' }), { accept: DOCUMENT_BODY, allowedOrigins: none }),
  );
});

test('the legacy endpoints take any body from curl, the eda CLI and the same origin', () => {
  assert.doesNotThrow(() => guardStateChange(request({ 'Content-Type': 'text/plain' }), { allowedOrigins: none }));
  assert.doesNotThrow(() => guardStateChange(request({}), { allowedOrigins: none }));
  assert.doesNotThrow(() =>
    guardStateChange(request({ Origin: 'http://127.0.0.1:3000', 'Sec-Fetch-Site': 'same-origin' }), { allowedOrigins: none }),
  );
});
