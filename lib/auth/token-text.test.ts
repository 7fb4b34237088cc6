import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearerToken, displayPrefix, hashTokenText, isTokenText, newTokenText, TOKEN_PREFIX } from './token-text.ts';

describe('API token text', () => {
  test('a new token is ept_ and 43 base64url characters, and no two are alike', () => {
    const tokens = new Set(Array.from({ length: 200 }, newTokenText));
    assert.equal(tokens.size, 200);
    for (const token of tokens) {
      assert.match(token, /^ept_[A-Za-z0-9_-]{43}$/);
      assert.ok(isTokenText(token));
    }
  });

  test('text of another shape is no token', () => {
    const token = newTokenText();
    for (const text of [
      '',
      TOKEN_PREFIX,
      token.slice(0, -1),
      `${token}x`,
      token.replace('ept_', 'xyz_'),
      `${token.slice(0, -1)}=`,
      ` ${token}`,
    ])
      assert.equal(isTokenText(text), false, JSON.stringify(text));
  });

  test('the hash is the sha256 hex of the text, stable and different per token', () => {
    assert.equal(hashTokenText('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const [a, b] = [newTokenText(), newTokenText()];
    assert.equal(hashTokenText(a), hashTokenText(a));
    assert.notEqual(hashTokenText(a), hashTokenText(b));
    assert.match(hashTokenText(a), /^[0-9a-f]{64}$/);
  });

  test('lists show the prefix and four characters, no more', () => {
    assert.equal(displayPrefix('ept_AbCdEfGh'), 'ept_AbCd');
  });

  test('a Bearer header gives its token; another scheme or none gives null', () => {
    const headers = (authorization?: string) => new Headers(authorization === undefined ? {} : { authorization });
    assert.equal(bearerToken(headers('Bearer ept_x')), 'ept_x');
    assert.equal(bearerToken(headers('bearer   ept_x  ')), 'ept_x');
    assert.equal(bearerToken(headers('Bearer')), '');
    assert.equal(bearerToken(headers('Basic dXNlcjpwYXNz')), null);
    assert.equal(bearerToken(headers('Bearerept_x')), null);
    assert.equal(bearerToken(headers()), null);
  });
});
