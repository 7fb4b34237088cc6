import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PersistenceState } from '../../lib/broker/persistence.ts';
import { PersistenceWarning } from './persistence-warning.tsx';

// queue-view.tsx imports its CSS, which only Next can load; it renders this notice above the figures.
const render = (persistence: PersistenceState): string => renderToStaticMarkup(createElement(PersistenceWarning, { persistence }));

test('/queue warns that queued events do not survive a Redis restart when AOF is off', () => {
  const html = render({ aof: false, warning: 'Turn it on with `appendonly yes`.' });
  assert.match(html, /data-testid="queue-persistence-warning"/);
  assert.match(html, /Queued events do not survive a Redis restart\./);
  assert.match(html, /appendonly yes/);
});

test('/queue says persistence is unknown when Redis would not tell', () => {
  const html = render({ aof: null, warning: 'CONFIG GET and INFO persistence were both refused.' });
  assert.match(html, /Redis persistence is unknown\./);
});

test('/queue shows no persistence warning when AOF is on', () => {
  assert.doesNotMatch(render({ aof: true }), /queue-persistence-warning/);
});
