import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addressParameterList,
  addressParameters,
  addressTemplate,
  matchAddressTemplate,
  parameterDefault,
  topicFromAddress,
  topicMatchesAddress,
} from './address-topic.ts';

const reading = 'greenhouse/{zone}/sensor/{sensorId}/reading';

test('lists the parameters of an address in order, each once', () => {
  assert.deepEqual(addressParameters(reading), ['zone', 'sensorId']);
  assert.deepEqual(addressParameters('a/{x}/b/{x}'), ['x']);
  assert.deepEqual(addressParameters('orderCreated'), []);
});

test('the parameter list follows the address: declared ones with their details, undeclared ones bare, unused ones dropped', () => {
  const zone = { name: 'zone', description: 'The zone.', schema: { type: 'string' } };
  const unused = { name: 'unused', description: null, schema: null };
  assert.deepEqual(addressParameterList(reading, [unused, zone]), [zone, { name: 'sensorId', description: null, schema: null }]);
});

test('builds the topic from parameter values, keeping {name} for those still empty', () => {
  assert.equal(topicFromAddress(reading, { zone: 'north', sensorId: 'th-0042' }), 'greenhouse/north/sensor/th-0042/reading');
  assert.equal(topicFromAddress(reading, { zone: 'south', sensorId: '' }), 'greenhouse/south/sensor/{sensorId}/reading');
  assert.equal(topicFromAddress('orderCreated', {}), 'orderCreated');
});

test('a topic matches its address only with every parameter filled and the literal parts equal', () => {
  assert.ok(topicMatchesAddress(reading, 'greenhouse/north/sensor/th-0042/reading'));
  assert.ok(!topicMatchesAddress(reading, 'greenhouse/{zone}/sensor/th-0042/reading'), 'an unfilled parameter');
  assert.ok(!topicMatchesAddress(reading, 'greenhouse/north/east/sensor/th-0042/reading'), 'a parameter spans no /');
  assert.ok(!topicMatchesAddress(reading, 'greenhouse/north/sensor/th-0042/readings'));
  assert.ok(topicMatchesAddress('orders.{id}.created', 'orders.o-1.created'));
  assert.ok(!topicMatchesAddress('orders.created', 'ordersXcreated'), 'dots are literal');
  assert.ok(
    !topicMatchesAddress('user.{id}.created', 'user.a.created.b.created'),
    'as live conformance reads it: the first .created ends {id}',
  );
  assert.ok(!topicMatchesAddress('{a}{b}', 'xy'), 'side-by-side parameters are ambiguous');
});

// With the backtracking RegExp this check replaced, the first call took minutes.
test('a long topic against many parameters is decided', () => {
  const address = '{a}.{b}.{c}.{d}';
  assert.equal(topicMatchesAddress(address, `${'x.'.repeat(250)}x/`), false, 'a parameter takes no /');
  assert.equal(topicMatchesAddress(address, `${'x.'.repeat(250)}x`), true, 'the last parameter takes the rest');
  assert.equal(topicMatchesAddress(address, 'n.s.e.w'), true);
});

test('an address splits at its parameters, and a topic yields their values', () => {
  const template = addressTemplate('greenhouse/{zone}/sensor/{sensorId}/reading');
  assert.deepEqual(template, { literals: ['greenhouse/', '/sensor/', '/reading'], names: ['zone', 'sensorId'] });
  assert.deepEqual(matchAddressTemplate(template, 'greenhouse/north/sensor/s-17/reading'), ['north', 's-17']);
  assert.equal(matchAddressTemplate(template, 'hothouse/north/sensor/s-17/reading'), null);
  assert.equal(addressTemplate('orderCreated'), null);
});

test("a parameter starts at its schema's default, example, first enum value or format sample, else empty", () => {
  assert.equal(parameterDefault({ type: 'string', enum: ['north', 'south'], default: 'south' }), 'south');
  assert.equal(parameterDefault({ type: 'string', examples: ['th-0042'] }), 'th-0042');
  assert.equal(parameterDefault({ type: 'string', enum: ['eu', 'us'] }), 'eu');
  assert.equal(parameterDefault({ type: 'string', format: 'uuid' }), '3fa85f64-5717-4562-b3fc-2c963f66afa6');
  assert.equal(parameterDefault({ type: 'integer', default: 7 }), '7');
  assert.equal(parameterDefault({ type: 'string' }), '', 'no "string" placeholder in a topic');
  assert.equal(parameterDefault(null), '');
});
