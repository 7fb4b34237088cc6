import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePayloadChecker, MAX_ISSUES } from './payload-schema.ts';

const order = {
  type: 'object',
  required: ['orderId', 'total'],
  properties: {
    orderId: { type: 'string', format: 'uuid' },
    total: { type: 'number', minimum: 0 },
    status: { type: 'string', enum: ['new', 'paid'] },
  },
  additionalProperties: false,
  discriminator: 'status',
  'x-owner': 'orders-team',
};

test('a payload that matches its schema conforms, AsyncAPI keywords and x- extensions notwithstanding', () => {
  const check = compilePayloadChecker(order);
  assert.deepEqual(check('{"orderId":"6f1c2a3e-8d4b-4c5a-9e7f-0a1b2c3d4e5f","total":12.5,"status":"paid"}'), { status: 'conforms' });
});

test('a violating payload names the path and the reason of each problem', () => {
  const check = compilePayloadChecker(order);
  const result = check('{"orderId":"not-a-uuid","total":-1,"status":"lost","extra":true}');
  assert.equal(result.status, 'violates');
  assert.ok(result.status === 'violates');
  assert.deepEqual(
    result.errors.map((e) => e.path),
    ['', '/orderId', '/total', '/status'],
  );
  assert.match(result.errors[0]?.message ?? '', /must not have property 'extra'/);
  assert.match(result.errors[3]?.message ?? '', /must be one of "new", "paid"/);
});

test('a missing required property is reported at the object that lacks it', () => {
  const result = compilePayloadChecker(order)('{"total":1}');
  assert.deepEqual(result, { status: 'violates', errors: [{ path: '', message: "must have required property 'orderId'" }] });
});

test('text that is not JSON is checked as a string, and reported as not JSON when the schema wants more', () => {
  assert.deepEqual(compilePayloadChecker({ type: 'string', maxLength: 20 })('plain text'), { status: 'conforms' });
  const result = compilePayloadChecker(order)('<img src=x>');
  assert.equal(result.status, 'violates');
  assert.match(result.status === 'violates' ? (result.errors[0]?.message ?? '') : '', /^payload is not valid JSON/);
});

test('at most MAX_ISSUES problems are reported', () => {
  const properties = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { type: 'integer' }]));
  const payload = JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, 'x'])));
  const result = compilePayloadChecker({ type: 'object', properties })(payload);
  assert.equal(result.status === 'violates' ? result.errors.length : 0, MAX_ISSUES);
});

test('no schema, or one that cannot compile, leaves the payload unchecked with the reason', () => {
  assert.deepEqual(compilePayloadChecker(null)('{}'), { status: 'unchecked', reason: 'the message has no payload schema' });
  const broken = compilePayloadChecker({ type: 'object', properties: { a: { $ref: '#/definitions/missing' } } })('{}');
  assert.equal(broken.status, 'unchecked');
});

test('two schemas with the same $id compile side by side', () => {
  const a = compilePayloadChecker({ $id: 'urn:order', type: 'string' });
  const b = compilePayloadChecker({ $id: 'urn:order', type: 'number' });
  assert.equal(a('"x"').status, 'conforms');
  assert.equal(b('1').status, 'conforms');
});

// Native RegExp backtracks exponentially on these: 30 characters took 11.7 s and froze the server.
const hostile = `{"id":"${'a'.repeat(30)}!"}`;
const nestedQuantifier = '^(a+)+$';

/** Runs a check and says how long it took, in milliseconds. */
function timed(run: () => unknown): { result: unknown; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

test('a pattern with nested quantifiers checks a hostile string in linear time', () => {
  const check = compilePayloadChecker({ type: 'object', properties: { id: { type: 'string', pattern: nestedQuantifier } } });
  const { result, ms } = timed(() => check(hostile));
  assert.deepEqual(result, { status: 'violates', errors: [{ path: '/id', message: `must match pattern "${nestedQuantifier}"` }] });
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});

test('patternProperties and propertyNames run on the linear-time engine too', () => {
  const key = `${'a'.repeat(30)}!`;
  const byKey = compilePayloadChecker({ type: 'object', patternProperties: { [nestedQuantifier]: { type: 'number' } } });
  const names = compilePayloadChecker({ type: 'object', propertyNames: { pattern: nestedQuantifier } });
  const { result, ms } = timed(() => [byKey(JSON.stringify({ [key]: 'x', aaa: 'y' })), names(JSON.stringify({ [key]: 1 }))]);
  assert.deepEqual(
    (result as { status: string }[]).map((r) => r.status),
    ['violates', 'violates'],
  );
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});

test('each pattern of a schema keeps its own meaning (Ajv shares compiled patterns by their text)', () => {
  const check = compilePayloadChecker({ type: 'object', properties: { a: { pattern: '^a$' }, b: { pattern: '^b$' } } });
  assert.deepEqual(check('{"a":"a","b":"b"}'), { status: 'conforms' });
  assert.equal(check('{"a":"b","b":"b"}').status, 'violates');
});

test('a schema whose pattern needs backtracking is unchecked, naming the pattern, not run natively', () => {
  const check = compilePayloadChecker({ type: 'object', properties: { id: { type: 'string', pattern: '^(?!tmp-)' } } });
  assert.deepEqual(check('{"id":"tmp-1"}'), {
    status: 'unchecked',
    reason: `the payload schema's pattern "^(?!tmp-)" uses a lookahead, which the portal cannot run in linear time`,
  });
});
