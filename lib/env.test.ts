import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEnv, trustedOrigins } from './env.ts';

test('defaults make a bare start work', () => {
  const env = readEnv({});
  assert.equal(env.HOST, '127.0.0.1');
  assert.equal(env.PORT, 3000);
  assert.equal(env.REDIS_URL, 'redis://localhost:6379');
  assert.equal(env.DATABASE_URL, undefined);
  assert.equal(env.SEED, true);
});

test('empty variables count as unset', () => {
  assert.equal(readEnv({ DATABASE_URL: '', PORT: '' }).PORT, 3000);
});

test('names the variable to fix', () => {
  assert.throws(() => readEnv({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres/);
  assert.throws(() => readEnv({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => readEnv({ REDIS_URL: 'localhost:6379' }), /REDIS_URL must be a redis:\/\//);
});

test('OBSERVE_PATTERN defaults to every channel; empty turns observing off', () => {
  assert.equal(readEnv({}).OBSERVE_PATTERN, '*');
  assert.equal(readEnv({ OBSERVE_PATTERN: '' }).OBSERVE_PATTERN, '');
  assert.equal(readEnv({ OBSERVE_PATTERN: 'orders.*' }).OBSERVE_PATTERN, 'orders.*');
  assert.throws(() => readEnv({ OBSERVE_PATTERN: 'a\nb' }), /OBSERVE_PATTERN must not contain control characters/);
});

test('ALLOWED_ORIGINS is a list of canonical origins, empty by default', () => {
  assert.deepEqual(readEnv({}).ALLOWED_ORIGINS, []);
  assert.deepEqual(readEnv({ ALLOWED_ORIGINS: 'https://Portal.example.com/, http://localhost:3000' }).ALLOWED_ORIGINS, [
    'https://portal.example.com',
    'http://localhost:3000',
  ]);
  assert.throws(
    () => readEnv({ ALLOWED_ORIGINS: 'https://ok.example,portal.example.com' }),
    /ALLOWED_ORIGINS must be comma-separated origins.*"portal\.example\.com"/,
  );
  assert.throws(() => readEnv({ ALLOWED_ORIGINS: '*' }), /ALLOWED_ORIGINS/);
});

test('PUBLIC_URL is an origin; trusted origins add it and a HOST that names one address', () => {
  const env = readEnv({
    PUBLIC_URL: 'https://Portal.example.com/',
    ALLOWED_ORIGINS: 'https://tools.example.com',
    HOST: '10.0.0.5',
    PORT: '3000',
  });
  assert.equal(env.PUBLIC_URL, 'https://portal.example.com');
  assert.deepEqual(trustedOrigins(env), ['https://tools.example.com', 'https://portal.example.com', 'http://10.0.0.5:3000']);
  assert.deepEqual(trustedOrigins(readEnv({ HOST: '0.0.0.0' })), []);
  assert.throws(() => readEnv({ PUBLIC_URL: 'portal.example.com' }), /PUBLIC_URL must be an http\(s\) origin/);
});
