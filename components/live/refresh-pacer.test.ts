import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefreshPacer } from './refresh-pacer.ts';

test('a screenful of new rows or fewer is sent at once, frame after frame', () => {
  const pacer = new RefreshPacer(50, 40);
  pacer.sent(0, 0);
  assert.equal(pacer.delay(16, 40), 0);
  pacer.sent(16, 40);
  assert.equal(pacer.delay(32, 75), 0);
});

test('more than a screenful of new rows waits until 50 ms after the last snapshot', () => {
  const pacer = new RefreshPacer(50, 40);
  pacer.sent(100, 0);
  assert.equal(pacer.delay(116, 160), 34);
  assert.equal(pacer.delay(150, 800), 0);
  pacer.sent(150, 800);
  assert.equal(pacer.delay(151, 1000), 49);
});

test('what the page asked for is sent at once however busy the traffic, then pacing resumes', () => {
  const pacer = new RefreshPacer(50, 40);
  pacer.sent(100, 0);
  pacer.ask();
  assert.equal(pacer.delay(101, 5000), 0);
  pacer.sent(101, 5000);
  assert.equal(pacer.delay(102, 5200), 49);
});

test('a cleared view (fewer rows than last sent) is sent at once', () => {
  const pacer = new RefreshPacer(50, 40);
  pacer.sent(100, 5000);
  assert.equal(pacer.delay(101, 0), 0);
});
