import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, createNonce } from './content-security-policy.ts';

function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((directive) => [directive.split(' ')[0] ?? '', directive]));
}

test('scripts run only with the response nonce, or when loaded by one that did', () => {
  const policy = directives(contentSecurityPolicy('bm9uY2U='));
  // 'unsafe-eval' stays until the AsyncAPI renderer stops compiling validators with `new Function` when it loads.
  assert.equal(policy.get('script-src'), "script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic' 'unsafe-eval'");
  assert.doesNotMatch(policy.get('script-src') ?? '', /'unsafe-inline'/);
  assert.equal(policy.get('default-src'), "default-src 'self'");
  assert.equal(policy.get('frame-ancestors'), "frame-ancestors 'none'");
  assert.equal(policy.get('img-src'), "img-src 'self' data: blob:");
  assert.equal(policy.get('object-src'), "object-src 'none'");
  assert.doesNotMatch(policy.get('style-src') ?? '', /nonce-/, "a nonce would switch 'unsafe-inline' off");
});

test('nonces are 128 random bits in base64, new every time', () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  assert.equal(nonces.size, 100);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
});
