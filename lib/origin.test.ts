import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOrigin, normalizeOrigin, type OriginHeaders } from './origin.ts';

const host = '127.0.0.1:3000';
const allowed = (headers: OriginHeaders, list: string[] = []): boolean => checkOrigin(headers, list).allowed;

test('requests without Origin or Sec-Fetch-Site (curl, the eda CLI, servers) are allowed', () => {
  assert.equal(allowed({ host }), true);
  assert.equal(allowed({}), true);
});

test("the portal's own pages are allowed", () => {
  assert.equal(allowed({ origin: 'http://127.0.0.1:3000', secFetchSite: 'same-origin', host }), true);
  assert.equal(allowed({ origin: 'http://127.0.0.1:3000', host }), true);
  assert.equal(allowed({ origin: 'https://Portal.example.com', host: 'portal.example.com:443' }), true);
  assert.equal(allowed({ secFetchSite: 'none', host }), true);
});

test('behind a proxy that rewrites Host, the browser saying same-origin is enough', () => {
  assert.equal(allowed({ origin: 'https://portal.example.com', secFetchSite: 'same-origin', host: '127.0.0.1:3000' }), true);
  assert.equal(allowed({ origin: 'https://portal.example.com', host: '127.0.0.1:3000' }), false, 'without the header the host must agree');
});

test('another origin is refused, with a reason that names it and the setting to change', () => {
  const verdict = checkOrigin({ origin: 'https://evil.example', host }, []);
  assert.equal(verdict.allowed, false);
  assert.match(verdict.allowed ? '' : verdict.reason, /https:\/\/evil\.example.*ALLOWED_ORIGINS/);
  assert.equal(allowed({ origin: 'http://127.0.0.1:3001', host }), false);
  assert.equal(allowed({ origin: 'http://localhost:3000', host }), false);
});

test('Sec-Fetch-Site cross-site or same-site is refused even without an Origin', () => {
  assert.equal(allowed({ secFetchSite: 'cross-site', host }), false);
  assert.equal(allowed({ secFetchSite: 'same-site', host }), false);
});

test('Origin: null, a malformed Origin and an Origin without a Host are refused', () => {
  assert.equal(allowed({ origin: 'null', host }), false);
  assert.equal(allowed({ origin: 'http://a.example, http://b.example', host }), false);
  assert.equal(allowed({ origin: 'http://127.0.0.1:3000' }), false);
  assert.equal(allowed({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000/path' }), false);
});

test('origins listed in ALLOWED_ORIGINS are allowed, also cross-site', () => {
  const list = ['https://portal.example.com'];
  assert.equal(allowed({ origin: 'https://portal.example.com', secFetchSite: 'cross-site', host }, list), true);
  assert.equal(allowed({ origin: 'https://other.example.com', host }, list), false);
  assert.equal(allowed({ origin: 'null', host }, ['null']), false);
});

test('normalizeOrigin keeps exactly an http(s) origin, canonical', () => {
  assert.equal(normalizeOrigin('https://Portal.example.com:443/'), 'https://portal.example.com');
  assert.equal(normalizeOrigin('http://localhost:3000'), 'http://localhost:3000');
  for (const bad of [
    'portal.example.com',
    'ftp://x.example',
    'https://x.example/path',
    'https://x.example?',
    'https://u:p@x.example',
    '*',
    '',
  ]) {
    assert.equal(normalizeOrigin(bad), null, bad);
  }
});
