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
  assert.equal(allowed({ origin: 'https://Portal.example.com', host: 'portal.example.com:443' }, ['https://portal.example.com']), true);
  assert.equal(allowed({ secFetchSite: 'none', host }), true);
});

test('a browser request for a host the portal is not served under is refused (DNS rebinding)', () => {
  const rebound = { origin: 'http://evil.example:3000', host: 'evil.example:3000' };
  const verdict = checkOrigin(rebound, []);
  assert.equal(verdict.allowed, false);
  assert.match(verdict.allowed ? '' : verdict.reason, /host "evil\.example:3000".*PUBLIC_URL/);
  assert.equal(allowed({ ...rebound, secFetchSite: 'same-origin' }), false, 'the browser thinks it is same-origin');
  assert.equal(allowed({ secFetchSite: 'none', host: 'evil.example' }), false);
  assert.equal(allowed(rebound, ['https://portal.example.com']), false);
  assert.equal(allowed({ host: 'evil.example:3000' }), true, 'no browser, no rebinding: the eda CLI may name any host');
  for (const loopback of ['localhost:3000', '127.0.0.2:3000', '[::1]:3000', 'portal.localhost']) {
    assert.equal(allowed({ origin: `http://${loopback}`, host: loopback }), true, loopback);
  }
  assert.equal(allowed({ origin: 'https://portal.example.com', host: 'portal.example.com' }, ['https://portal.example.com']), true);
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
