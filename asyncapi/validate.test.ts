import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { lineOf, readExample } from '../testing/examples.ts';
import type { Diagnostic, NormalisedDocument, ValidationResult } from './types.ts';
import { MAX_DOCUMENT_BYTES } from './limits.ts';
import { validateDocument } from './validate.ts';

async function validExample(path: string): Promise<NormalisedDocument> {
  const result = await validateDocument(await readExample(path));
  assert.ok(result.valid, `${path} should be valid: ${result.valid ? '' : result.error}`);
  return result.document;
}

function refused(result: ValidationResult): { error: string; diagnostics: Diagnostic[] } {
  assert.equal(result.valid, false, 'the document should be refused');
  return result;
}

describe('valid documents', () => {
  test('e-commerce orders (3.0): channels, operations, messages, servers', async () => {
    const doc = await validExample('ecommerce-orders.yaml');
    assert.equal(doc.asyncapiVersion, '3.0.0');
    assert.deepEqual([doc.title, doc.version], ['E-commerce Order Events', '1.0.0']);
    assert.deepEqual(
      doc.channels.map((c) => c.address),
      ['orderCreated', 'orderShipped', 'paymentProcessed'],
    );
    assert.equal(doc.messages.length, 3);
    assert.deepEqual(
      doc.operations.map((o) => [o.key, o.action, o.channelKey, o.messageKeys]),
      [
        ['publishOrderCreated', 'send', 'orderCreated', ['OrderCreated']],
        ['publishOrderShipped', 'send', 'orderShipped', ['OrderShipped']],
        ['onPaymentProcessed', 'receive', 'paymentProcessed', ['PaymentProcessed']],
      ],
    );
    assert.deepEqual(doc.servers, [
      { name: 'local', host: 'localhost:6379', protocol: 'redis', description: 'The Redis broker every service of the shop publishes to.' },
    ]);
    assert.deepEqual(doc.protocols, ['redis']);
    assert.deepEqual(doc.tags, ['ecommerce', 'orders']);
  });

  test('e-commerce OrderCreated: resolved payload, nested properties, example', async () => {
    const doc = await validExample('ecommerce-orders.yaml');
    const message = doc.messages.find((m) => m.key === 'OrderCreated');
    assert.ok(message);
    assert.deepEqual([message.channelKey, message.name, message.contentType], ['orderCreated', 'OrderCreated', 'application/json']);
    assert.deepEqual((message.payload as Record<string, unknown>).required, ['orderId', 'customerId', 'total']);
    for (const name of ['orderId', 'customerId', 'items', 'total', 'createdAt', 'sku', 'quantity', 'price']) {
      assert.ok(message.payloadProperties.includes(name), `payloadProperties has ${name}`);
    }
    assert.equal(message.examples.length, 1);
    assert.equal((message.examples[0] as { orderId: string }).orderId, 'ord-1001');
    assert.doesNotMatch(JSON.stringify(doc), /x-parser-/, 'parser annotations are stripped');
  });

  test('greenhouse sensors (3.0): parameterised addresses and their parameters', async () => {
    const doc = await validExample('greenhouse-sensors.yaml');
    const reading = doc.channels.find((c) => c.key === 'sensorReading');
    assert.equal(reading?.address, 'greenhouse/{zone}/sensor/{sensorId}/reading');
    assert.deepEqual(
      reading?.parameters.map((p) => p.name),
      ['zone', 'sensorId'],
    );
    const zone = reading?.parameters[0]?.schema as Record<string, unknown>;
    assert.deepEqual(zone.enum, ['north', 'south', 'east', 'west']);
    assert.deepEqual(
      doc.channels.find((c) => c.key === 'zoneAlert')?.parameters.map((p) => p.name),
      ['zone'],
    );
    assert.deepEqual(
      doc.operations.map((o) => o.action),
      ['receive', 'send'],
    );
    assert.deepEqual(doc.protocols, ['mqtt']);
    assert.ok(doc.tags.includes('greenhouse'));
    const sensorReading = doc.messages.find((m) => m.key === 'SensorReading');
    assert.equal(sensorReading?.examples.length, 1);
    assert.ok(sensorReading?.payloadProperties.includes('charging'), 'nested object properties are collected');
  });

  test('user accounts (2.6): channels keyed by address, subscribe is send and publish is receive', async () => {
    const doc = await validExample('user-signup-v2.yaml');
    assert.equal(doc.asyncapiVersion, '2.6.0');
    assert.deepEqual(
      doc.channels.map((c) => [c.key, c.address]),
      [
        ['user/{userId}/signedup', 'user/{userId}/signedup'],
        ['user/{userId}/deleted', 'user/{userId}/deleted'],
      ],
    );
    assert.deepEqual(doc.channels[0]?.parameters, [
      { name: 'userId', description: "The user's id.", schema: { type: 'string', format: 'uuid' } },
    ]);
    assert.deepEqual(
      doc.operations.map((o) => [o.key, o.action, o.messageKeys]),
      [
        ['userSignedUp', 'send', ['UserSignedUp']],
        ['deleteUser', 'receive', ['UserDeleted']],
      ],
    );
    assert.deepEqual(
      doc.servers.map((s) => [s.host, s.protocol]),
      [['localhost:6379', 'redis']],
    );
    assert.deepEqual(doc.tags, ['accounts', 'identity']);
    assert.equal(doc.messages.find((m) => m.key === 'UserSignedUp')?.examples.length, 1);
  });

  test('the second e-commerce version adds orderCancelled', async () => {
    const doc = await validExample('versions/ecommerce-orders-1.1.0.yaml');
    assert.deepEqual([doc.title, doc.version], ['E-commerce Order Events', '1.1.0']);
    assert.ok(doc.channels.some((c) => c.address === 'orderCancelled'));
    assert.equal(doc.operations.length, 4);
  });

  test('a JSON document is read as JSON, with warnings located in it', async () => {
    const raw = JSON.stringify(
      { asyncapi: '3.0.0', info: { title: 'Json Events', version: '0.1.0' }, channels: { ping: { address: 'ping' } } },
      null,
      2,
    );
    const result = await validateDocument(raw);
    assert.ok(result.valid);
    assert.equal(result.format, 'json');
    assert.deepEqual(
      result.document.channels.map((c) => c.address),
      ['ping'],
    );
    const versionHint = result.warnings.find((w) => w.path === 'asyncapi');
    assert.equal(versionHint?.line, 2);
  });
});

describe('refused documents', () => {
  test('missing info.version and a dangling $ref are errors on their lines', async () => {
    const raw = await readExample('invalid/missing-info.yaml');
    const { error, diagnostics } = refused(await validateDocument(raw));
    assert.match(error, /^The document has 2 errors; the first: `info` is missing the required property `version` \(line 2\)\.$/);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => [d.path, d.line]),
      [
        ['info', lineOf(raw, 'info:')],
        ['channels.stockChanged.messages.StockChanged.$ref', lineOf(raw, "$ref: '#/components/messages/StockChanged'")],
      ],
    );
    assert.match(errors[1]?.message ?? '', /refers to `#\/components\/messages\/StockChanged`, which does not exist/);
    assert.equal(diagnostics[0]?.severity, 'error', 'errors come first');
  });

  test('a 3.x operation with the 2.x action "publish" is refused on its line', async () => {
    const raw = await readExample('invalid/bad-operation.yaml');
    const { error, diagnostics } = refused(await validateDocument(raw));
    assert.equal(diagnostics[0]?.path, 'operations.issueInvoice.action');
    assert.equal(diagnostics[0]?.line, lineOf(raw, 'action: publish'));
    assert.equal(diagnostics[0]?.column, 13);
    assert.match(error, /must be one of the allowed values: "send", "receive"/);
  });

  test('text that is not YAML is refused with the line of the parse error', async () => {
    const raw = await readExample('invalid/not-yaml.txt');
    const { error, diagnostics } = refused(await validateDocument(raw));
    assert.match(error, /^The document is not valid YAML: .+ \(line 6, column \d+\)\.$/);
    assert.equal(lineOf(raw, '\tdescription'), 6);
    assert.ok(diagnostics.every((d) => d.line !== null));
  });

  test('JSON with a syntax error is refused with its line and column', async () => {
    const { error, diagnostics } = refused(await validateDocument('{\n  "asyncapi": "3.0.0",\n  "info": }\n'));
    assert.equal(error, 'The document is not valid JSON: Expected a value but found `}` (line 3, column 11).');
    assert.deepEqual(
      diagnostics.map((d) => [d.line, d.column]),
      [[3, 11]],
    );
  });

  test('empty, scalar and list documents say what is wrong', async () => {
    assert.match(refused(await validateDocument('  \n')).error, /^The document is empty/);
    assert.match(
      refused(await validateDocument('just some words')).error,
      /not valid YAML for AsyncAPI: its top level is a single string value/,
    );
    assert.match(refused(await validateDocument('- asyncapi: 3.0.0\n')).error, /its top level is a list/);
  });

  test('a missing or unquoted asyncapi field is named', async () => {
    assert.match(refused(await validateDocument('info:\n  title: x\n  version: 1.0.0\n')).error, /has no `asyncapi` field/);
    assert.match(
      refused(await validateDocument('asyncapi: 3\ninfo:\n  title: x\n  version: "1"\n')).error,
      /must be a string such as '3.0.0', not 3/,
    );
    assert.match(
      refused(await validateDocument('asyncapi: 9.9.9\ninfo:\n  title: x\n  version: 1.0.0\n')).error,
      /Version "9.9.9" is not supported/,
    );
  });

  test('a document over the size limit is refused without parsing', async () => {
    const raw = `asyncapi: 3.0.0\n#${'x'.repeat(MAX_DOCUMENT_BYTES)}\n`;
    assert.match(refused(await validateDocument(raw)).error, /the limit is 5242880 bytes/);
  });
});

describe('references outside the document', () => {
  const withRef = (ref: string): string =>
    [
      'asyncapi: 3.0.0',
      'info: { title: Refs, version: 1.0.0 }',
      'channels:',
      '  users:',
      '    address: users',
      '    messages:',
      '      Signup:',
      `        payload: { $ref: ${JSON.stringify(ref)} }`,
      '        examples:',
      "          - payload: { $ref: '/etc/passwd' }",
    ].join('\n');

  test('a file or URL is neither read nor fetched: the document is refused at the reference', async () => {
    let requests = 0;
    const server = createServer((_, response) => {
      requests += 1;
      response.end('{"type":"object"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const ref of [`http://127.0.0.1:${port}/x.json`, 'package.json#/engines', '../../../etc/hosts']) {
        const result = refused(await validateDocument(withRef(ref)));
        assert.deepEqual(
          result.diagnostics.map((d) => [d.path, d.line]),
          [
            ['channels.users.messages.Signup.payload.$ref', 8],
            ['channels.users.messages.Signup.examples.0.payload.$ref', 10],
          ],
          ref,
        );
        assert.match(result.error, /outside the document: the portal does not read files or fetch URLs.*\(line 8\)/);
      }
      assert.equal(requests, 0, 'the portal sent no request');
    } finally {
      server.close();
    }
  });

  test('an alias bomb is refused before the parser expands it', async () => {
    const levels = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(',')}]`,
      );
    const bomb = `asyncapi: 3.0.0\ninfo: { title: Bomb, version: 1.0.0 }\nx-bomb:\n  ${levels.join('\n  ')}\n`;
    assert.match(refused(await validateDocument(bomb)).error, /more than 1,000,000 values once its YAML aliases are expanded/);
  });
});
