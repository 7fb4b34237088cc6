import assert from 'node:assert/strict';
import { test } from 'node:test';
import { announceBrokerState, onBrokerState } from './broker-state-signal.ts';

test('the header hears each broker state the live socket announces, until it unsubscribes', () => {
  const globals = globalThis as { window?: EventTarget };
  globals.window = new EventTarget();
  try {
    const heard: string[] = [];
    const stop = onBrokerState((state) => heard.push(state));
    announceBrokerState('unreachable');
    announceBrokerState('ready');
    stop();
    announceBrokerState('connecting');
    assert.deepEqual(heard, ['unreachable', 'ready']);
  } finally {
    delete globals.window;
  }
});
