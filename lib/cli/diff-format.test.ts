import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompatibilityMode } from '../../asyncapi/compatibility.ts';
import type { Change } from '../../asyncapi/diff/types.ts';
import { codeSpan, escapeMarkdown, formatDiffMarkdown, formatDiffText, verdict } from './diff-format.ts';
import type { DiffReport } from './diff-report.ts';

const REMOVED: Change = {
  type: 'breaking',
  kind: 'remove',
  path: '/channels/a/messages/M/payload/properties/sku',
  description: 'M payload "sku": property removed',
};
const ADDED: Change = { type: 'non-breaking', kind: 'add', path: '/channels/b', description: 'Added channels › b' };
const FORMAT: Change = {
  type: 'unclassified',
  kind: 'edit',
  path: '/channels/a/messages/M/payload/properties/id/format',
  description: 'format changed',
};

function report(
  changes: Change[],
  versions: [string, string] = ['1.0.0', '1.1.0'],
  majorBump = false,
  mode: CompatibilityMode = 'BACKWARD',
): DiffReport {
  const count = (type: Change['type']): number => changes.filter((c) => c.type === type).length;
  return {
    old: { file: 'main/orders.yaml', title: 'Orders', version: versions[0] },
    new: { file: 'orders.yaml', title: 'Orders', version: versions[1] },
    mode,
    changes,
    summary: { breaking: count('breaking'), nonBreaking: count('non-breaking'), unclassified: count('unclassified') },
    majorBump,
  };
}

test('the verdict names the mode and says whether breaking changes come with a major version bump', () => {
  assert.equal(verdict(report([ADDED])), 'No breaking changes under BACKWARD.');
  assert.equal(
    verdict(report([REMOVED, ADDED])),
    '1 breaking change under BACKWARD without a major version bump (1.0.0 → 1.1.0): bump the major version of info.version.',
  );
  assert.equal(
    verdict(report([REMOVED, REMOVED], ['1.4.0', '2.0.0'], true, 'FORWARD')),
    '2 breaking changes under FORWARD, allowed by the major version bump 1.4.0 → 2.0.0.',
  );
  assert.equal(
    verdict(report([REMOVED], ['1.4.0', '2.0.0'], true, 'FULL_TRANSITIVE')),
    '1 breaking change under FULL_TRANSITIVE, which no version bump allows (the portal registers them only when forced).',
  );
  assert.equal(
    verdict(report([ADDED], undefined, false, 'NONE')),
    'No breaking changes: under NONE versions are not checked against each other.',
  );
});

test('text lists the changes grouped breaking, unclassified, non-breaking, each with its path', () => {
  assert.equal(
    formatDiffText(report([REMOVED, FORMAT, ADDED])),
    [
      'Orders 1.0.0 → 1.1.0 under BACKWARD: 1 breaking, 1 unclassified, 1 non-breaking',
      '',
      'Breaking (1):',
      '  - M payload "sku": property removed  at /channels/a/messages/M/payload/properties/sku',
      '',
      'Unclassified (1):',
      '  - format changed  at /channels/a/messages/M/payload/properties/id/format',
      '',
      'Non-breaking (1):',
      '  - Added channels › b  at /channels/b',
      '',
      '1 breaking change under BACKWARD without a major version bump (1.0.0 → 1.1.0): bump the major version of info.version.',
      '',
    ].join('\n'),
  );
  assert.match(
    formatDiffText({ ...report([]), new: { file: 'x', title: 'Orders v2', version: '2.0.0' } }),
    /^Orders 1\.0\.0 → Orders v2 2\.0\.0 under BACKWARD: 0 breaking/,
  );
});

test('markdown is a pull-request comment: heading, verdict, a table of changes, the files compared', () => {
  const markdown = formatDiffMarkdown(report([REMOVED, ADDED]));
  const lines = markdown.split('\n');
  assert.equal(lines[0], '### Orders: 1.0.0 → 1.1.0');
  assert.match(markdown, /^❌ \*\*1 breaking change under BACKWARD without a major version bump/m);
  assert.ok(lines.includes('| Type | Change | Path |'));
  assert.ok(lines.includes('| **breaking** | M payload "sku": property removed | `/channels/a/messages/M/payload/properties/sku` |'));
  assert.ok(lines.includes('| non-breaking | Added channels › b | `/channels/b` |'));
  assert.match(markdown, /<sub>`main\/orders\.yaml` → `orders\.yaml`, compared by <code>event-portal diff<\/code> under BACKWARD<\/sub>/);
  assert.match(formatDiffMarkdown(report([ADDED])), /^✅ \*\*No breaking changes under BACKWARD\.\*\*$/m);
  assert.match(formatDiffMarkdown(report([REMOVED], ['1.0.0', '2.0.0'], true)), /^⚠️ \*\*1 breaking change under BACKWARD, allowed/m);
  assert.match(
    formatDiffMarkdown(report([REMOVED], ['1.0.0', '2.0.0'], true, 'BACKWARD_TRANSITIVE')),
    /^❌ \*\*1 breaking change under BACKWARD\\_TRANSITIVE, which no version bump allows/m,
    'a major bump does not allow it under a transitive mode',
  );
  assert.match(formatDiffMarkdown(report([])), /^No changes\.$/m);
});

test('text from the documents cannot add markup, HTML, mentions or table cells to the comment', () => {
  const hostile: Change = {
    ...ADDED,
    description: 'Added <img src=x onerror=alert(1)> | *bold* [link](http://e) @team #12 $x$\nnext',
    path: '/a|b`c',
  };
  const row = formatDiffMarkdown({ ...report([hostile]), new: { file: 'o.yaml', title: '<script>Orders</script>', version: '1.1.0' } });
  assert.match(row, /^### \\<script\\>Orders\\<\/script\\>: /);
  assert.ok(
    row.includes(
      '| non-breaking | Added \\<img src=x onerror=alert(1)\\> \\| \\*bold\\* \\[link\\](http://e) \\@team \\#12 \\$x\\$ next | ``/a\\|b`c`` |',
    ),
    row,
  );
  assert.equal(escapeMarkdown('a_b\\c'), 'a\\_b\\\\c');
  assert.equal(codeSpan('`start'), '`` `start ``');
  assert.equal(codeSpan('a``b'), '```a``b```');
});

test('a long list of changes is cut, saying how many more there are', () => {
  const many = Array.from({ length: 250 }, (_, i): Change => ({ ...ADDED, path: `/channels/c${i}` }));
  const markdown = formatDiffMarkdown(report(many));
  assert.equal(markdown.split('\n').filter((line) => line.startsWith('| non-breaking')).length, 200);
  assert.match(markdown, /…and 50 more changes: `event-portal diff --format json` lists them all\./);
});
