import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readExample } from '../../testing/examples.ts';
import { validateDocument } from '../validate.ts';
import { diffVersions } from './diff-versions.ts';
import type { DiffSide } from './types.ts';

async function side(raw: string): Promise<DiffSide> {
  const result = await validateDocument(raw);
  assert.ok(result.valid, result.valid ? '' : result.error);
  return { resolved: result.resolved, messages: result.document.messages };
}

const described = (changes: { type: string; description: string }[]) => changes.map((c) => [c.type, c.description]);

test('removing a field of an Avro record is a breaking payload change, in 3.x and 2.x', async () => {
  const three = await readExample('schema-formats/chat-avro-3.yaml');
  const withoutText = three.replace('            - name: text\n              type: string\n', '');
  assert.deepEqual(described(diffVersions(await side(three), await side(withoutText))), [
    ['breaking', 'chatMessage payload "text": property removed'],
  ]);
  const two = await readExample('schema-formats/chat-avro-2.yaml');
  const narrowed = two.replace('symbols: [HAPPY, SAD]', 'symbols: [HAPPY]');
  assert.deepEqual(described(diffVersions(await side(two), await side(narrowed))), [
    ['breaking', 'chatMessage payload "mood": enum narrowed: "SAD" no longer allowed'],
  ]);
});

test('a change to a payload in a format the portal does not read is reported, unclassified', async () => {
  const before = await readExample('schema-formats/unsupported-formats-3.yaml');
  const after = before.replace('message Event { string id = 1; }', 'message Event { string id = 1; int32 size = 2; }');
  assert.deepEqual(described(diffVersions(await side(before), await side(after))), [
    [
      'unclassified',
      'protoEvent payload changed; it is written in application/vnd.google.protobuf;version=3, which the portal does not read, so the change is not classified',
    ],
  ]);
  assert.deepEqual(diffVersions(await side(before), await side(before)), [], 'an unchanged one is no change');
});
