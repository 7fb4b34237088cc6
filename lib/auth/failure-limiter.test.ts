import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFailureLimiter } from './failure-limiter.ts';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000_000;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

test('a key is refused after max failures within the window, until the oldest leaves it', () => {
  const time = clock();
  const limiter = createFailureLimiter({ max: 3, windowMs: 60_000, maxKeys: 10 }, time.now);
  for (let i = 0; i < 3; i++) {
    assert.equal(limiter.retryAfter(['ip:a']), 0);
    limiter.recordFailure(['ip:a']);
    time.advance(10_000);
  }
  assert.equal(limiter.retryAfter(['ip:a']), 30);
  assert.equal(limiter.retryAfter(['ip:b']), 0);
  time.advance(30_000);
  assert.equal(limiter.retryAfter(['ip:a']), 0);
});

test('any one of the keys over its limit refuses the attempt', () => {
  const time = clock();
  const limiter = createFailureLimiter({ max: 2, windowMs: 60_000, maxKeys: 10 }, time.now);
  limiter.recordFailure(['ip:a', 'email:x@example.com']);
  limiter.recordFailure(['ip:b', 'email:x@example.com']);
  assert.ok(limiter.retryAfter(['ip:c', 'email:x@example.com']) > 0, 'the email is over its limit from any address');
  assert.equal(limiter.retryAfter(['ip:a', 'email:y@example.com']), 0);
});

test('remembers at most maxKeys keys, forgetting the least recently failed', () => {
  const time = clock();
  const limiter = createFailureLimiter({ max: 1, windowMs: 60_000, maxKeys: 2 }, time.now);
  limiter.recordFailure(['a']);
  limiter.recordFailure(['b']);
  limiter.recordFailure(['a']);
  limiter.recordFailure(['c']);
  assert.equal(limiter.retryAfter(['b']), 0, 'b was forgotten');
  assert.ok(limiter.retryAfter(['a']) > 0);
  assert.ok(limiter.retryAfter(['c']) > 0);
});
