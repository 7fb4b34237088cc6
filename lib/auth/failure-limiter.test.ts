import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryFailureLimiter, type Admission } from './failure-limiter.ts';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000_000;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

const refusedFor = (admission: Admission): number => (admission.admitted ? 0 : admission.retryAfter);

test('a key is refused after max failures within the window, until the oldest leaves it', async () => {
  const time = clock();
  const limiter = createMemoryFailureLimiter({ max: 3, windowMs: 60_000, maxKeys: 10 }, time.now);
  for (let i = 0; i < 3; i++) {
    assert.equal((await limiter.admit(['ip:a'])).admitted, true);
    time.advance(10_000);
  }
  assert.equal(refusedFor(await limiter.admit(['ip:a'])), 30);
  assert.equal((await limiter.admit(['ip:b'])).admitted, true);
  time.advance(30_000);
  assert.equal((await limiter.admit(['ip:a'])).admitted, true);
});

test('any one of the keys over its limit refuses the attempt, and counts nothing against the others', async () => {
  const time = clock();
  const limiter = createMemoryFailureLimiter({ max: 2, windowMs: 60_000, maxKeys: 10 }, time.now);
  await limiter.admit(['ip:a', 'email:x@example.com']);
  await limiter.admit(['ip:b', 'email:x@example.com']);
  assert.ok(refusedFor(await limiter.admit(['ip:c', 'email:x@example.com'])) > 0, 'the email is over its limit from any address');
  assert.equal((await limiter.admit(['ip:c', 'email:y@example.com'])).admitted, true);
  assert.equal((await limiter.admit(['ip:c', 'email:z@example.com'])).admitted, true, 'the refused attempt did not count against ip:c');
});

test('forgive takes back exactly the failure of its ticket', async () => {
  const time = clock();
  const limiter = createMemoryFailureLimiter({ max: 2, windowMs: 60_000, maxKeys: 10 }, time.now);
  const first = await limiter.admit(['ip:a']);
  const second = await limiter.admit(['ip:a']);
  assert.ok(first.admitted && second.admitted);
  await limiter.forgive(['ip:a'], first.ticket);
  await limiter.forgive(['ip:a'], first.ticket);
  assert.equal((await limiter.admit(['ip:a'])).admitted, true, 'one was taken back');
  assert.equal((await limiter.admit(['ip:a'])).admitted, false, 'forgiving twice takes back only one');
});

test('remembers at most maxKeys keys, forgetting the least recently failed', async () => {
  const limiter = createMemoryFailureLimiter({ max: 1, windowMs: 60_000, maxKeys: 2 }, clock().now);
  await limiter.admit(['b']);
  await limiter.admit(['a']);
  await limiter.admit(['c']);
  assert.equal((await limiter.admit(['b'])).admitted, true, 'b was forgotten, though still within its window');
  assert.equal((await limiter.admit(['c'])).admitted, false);
});
