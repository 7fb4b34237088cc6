import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressParameterValues, parameterIssues } from './parameter-values.ts';
import { compilePayloadChecker } from './payload-schema.ts';

test('a topic gives each address parameter its value, or null when it is not an instance of the address', () => {
  assert.deepEqual(addressParameterValues('greenhouse/{zone}/alert', 'greenhouse/mars/alert'), { zone: 'mars' });
  assert.deepEqual(addressParameterValues('orders', 'orders'), {});
  assert.equal(addressParameterValues('greenhouse/{zone}/alert', 'greenhouse/a/b/alert'), null);
});

test('parameter values outside their schemas are issues under {name}; values are strings, unschemed ones pass', () => {
  const parameters = [
    { name: 'zone', schema: { type: 'string', enum: ['north', 'south'] } },
    { name: 'id', schema: { type: 'string', pattern: '^[0-9]+$' } },
    { name: 'free', schema: null },
  ];
  const check = (values: Record<string, string>) => parameterIssues(parameters, values, ({ schema }) => compilePayloadChecker(schema));
  assert.deepEqual(check({ zone: 'north', id: '17', free: 'x' }), []);
  assert.deepEqual(
    check({ zone: 'mars', id: '17' }).map((issue) => issue.path),
    ['{zone}'],
  );
  assert.deepEqual(
    check({ zone: 'south', id: 'abc' }).map((issue) => issue.path),
    ['{id}'],
  );
});
