import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadTemplate } from './payload-template.ts';

const schema = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };

test("a message's first example is the template, as indented JSON or as the text it is", () => {
  assert.deepEqual(payloadTemplate({ payload: schema, examples: [{ id: 'a' }, { id: 'b' }] }), {
    source: 'example',
    text: '{\n  "id": "a"\n}',
  });
  assert.deepEqual(payloadTemplate({ payload: { type: 'string' }, examples: ['hello'] }), { source: 'example', text: 'hello' });
});

test('without an example the template is a sample generated from the payload schema', () => {
  assert.deepEqual(payloadTemplate({ payload: schema, examples: [] }), {
    source: 'sample',
    text: '{\n  "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"\n}',
  });
});
