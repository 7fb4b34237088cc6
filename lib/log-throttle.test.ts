import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttledLog } from './log-throttle.ts';

test('logs the first call, leaves out the rest of the interval, then reports how many it left out', () => {
  let clock = 0;
  const lines: string[] = [];
  const logOnce = throttledLog(
    (message) => lines.push(message),
    60_000,
    () => clock,
  );
  for (let i = 0; i < 1000; i++) logOnce('the health check failed');
  clock = 59_999;
  logOnce('the health check failed');
  assert.deepEqual(lines, ['the health check failed']);
  clock = 60_000;
  logOnce('the health check failed');
  clock = 200_000;
  logOnce('the health check failed');
  assert.deepEqual(lines, [
    'the health check failed',
    'the health check failed (and 1000 more times since the last report)',
    'the health check failed',
  ]);
});
