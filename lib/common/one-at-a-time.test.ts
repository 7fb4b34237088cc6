import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { oneAtATime } from './one-at-a-time.ts';

test('tasks run one at a time in the order given, past a task that fails', async () => {
  const serial = oneAtATime();
  const steps: string[] = [];
  const task =
    (name: string, ms: number, fail = false) =>
    async () => {
      steps.push(`${name} starts`);
      await sleep(ms);
      steps.push(`${name} ends`);
      if (fail) throw new Error(name);
      return name;
    };
  const results = await Promise.allSettled([serial(task('a', 20)), serial(task('b', 1, true)), serial(task('c', 5))]);
  assert.deepEqual(steps, ['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  assert.deepEqual(
    results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ['a', 'b', 'c'],
  );
});
