/**
 * The reported line of each error, over invalid documents written for it (asyncapi/examples/invalid): errors
 * inside components reached through `$ref`s, aliases and cycles, in YAML and JSON, 2.x and 3.x. Each
 * problem is reported once, at its text, and the 422 headlines the root cause.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, readExample } from '../testing/examples.ts';
import type { Diagnostic } from './types.ts';
import { validateDocument } from './validate.ts';

interface Case {
  file: string;
  /** Each error reported, in order: its path and the text it points at (a key ending in `:` gives the line only; null: line 1, column 1). */
  errors: Array<[path: string, at: string | null]>;
  /** The other paths the first error was reached through, when there are any. */
  reachedThrough?: string[] | number;
  /** Messages (in part) folded under the first error. */
  folded?: string[];
}

const CASES: Case[] = [
  {
    file: 'located/referenced-schema-typo.yaml',
    errors: [['components.schemas.Order.properties.total.type', 'numbr']],
    reachedThrough: 8,
    folded: ['"payload" property must match "else" schema', '"Order" property must match "else" schema'],
  },
  {
    file: 'located/payload-bad-type.yaml',
    errors: [['channels.payments.messages.PaymentTaken.payload.properties.amount.type', 'strng']],
    reachedThrough: ['operations.takePayment.channel.messages.PaymentTaken.payload.properties.amount.type'],
    folded: ['"payload" property must match "else" schema'],
  },
  {
    file: 'located/server-bad-enum.yaml',
    errors: [['components.securitySchemes.apiKey.in', 'header']],
    reachedThrough: ['servers.production.security.0.in'],
    folded: ['must not be valid', 'is missing the required property `scheme`', 'does not allow the property `in`'],
  },
  {
    file: 'located/channel-parameter.yaml',
    errors: [
      ['channels.telemetry.parameters', 'parameters:'],
      ['components.parameters.deviceId.enum', 'not-a-list'],
    ],
  },
  {
    file: 'located/operation-reply.yaml',
    errors: [['components.replyAddresses.quoteReply.location', 'header.replyTo']],
    reachedThrough: ['operations.requestQuote.reply.address.location'],
  },
  {
    file: 'located/v2-component-message.yaml',
    errors: [['components.messages.ShipmentCreated.payload.properties.weight.type', 'double']],
    reachedThrough: [
      'channels.shipments/created.publish.message.payload.properties.weight.type',
      'channels.shipments/updated.subscribe.message.payload.properties.weight.type',
    ],
    folded: ['does not allow the property `contentType`', 'does not allow the property `payload`', 'must match "then" schema'],
  },
  {
    file: 'located/json-format.json',
    errors: [['components.schemas.Stock.properties.quantity.type', '"integr"']],
    reachedThrough: [
      'channels.stock.messages.StockChanged.payload.properties.quantity.type',
      'components.messages.StockChanged.payload.properties.quantity.type',
    ],
  },
  {
    file: 'located/yaml-anchor.yaml',
    errors: [['channels.invoices.messages.InvoiceIssued.payload.properties.net.minimum', 'low']],
    reachedThrough: ['channels.invoices.messages.InvoiceIssued.payload.properties.gross.minimum'],
  },
  {
    file: 'located/ref-cycle.yaml',
    errors: [['components.schemas.Person.properties.name.type', 'strin']],
    reachedThrough: ['channels.people.messages.PersonChanged.payload.properties.name.type'],
  },
  {
    file: 'located/missing-info-extra-property.yaml',
    errors: [
      ['', null],
      ['components.messages.AuditRecorded.retention', '30d'],
    ],
    reachedThrough: [],
  },
  {
    file: 'missing-info.yaml',
    errors: [
      ['info', 'info:'],
      ['channels.stockChanged.messages.StockChanged.$ref', "'#/components/messages/StockChanged'"],
    ],
  },
];

/** Where `text` starts: its 1-based line and column. */
function placeOf(raw: string, text: string): { line: number; column: number } {
  const line = lineOf(raw, text);
  const lineStart =
    raw
      .split('\n')
      .slice(0, line - 1)
      .join('\n').length + (line > 1 ? 1 : 0);
  return { line, column: raw.indexOf(text) - lineStart + 1 };
}

function expectedPlace(raw: string, at: string | null): { line: number; column?: number } {
  if (at === null) return { line: 1, column: 1 };
  return at.endsWith(':') ? { line: lineOf(raw, at) } : placeOf(raw, at);
}

for (const { file, errors: expected, reachedThrough, folded = [] } of CASES) {
  test(`${file}: each error once, at its line, the root cause first`, async () => {
    const raw = await readExample(`invalid/${file}`);
    const result = await validateDocument(raw);
    assert.equal(result.valid, false, 'the document is refused');
    if (result.valid) return;
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    // Columns are compared where the case names the text itself, not only its key.
    const withColumn = (i: number): boolean => expectedPlace(raw, expected[i]?.[1] ?? null).column !== undefined;
    assert.deepEqual(
      errors.map((d, i) => (withColumn(i) ? [d.path, d.line, d.column] : [d.path, d.line])),
      expected.map(([path, at], i) => {
        const { line, column } = expectedPlace(raw, at);
        return withColumn(i) ? [path, line, column] : [path, line];
      }),
    );
    const [first] = errors;
    assert.ok(first);
    const count = expected.length === 1 ? '1 error:' : `${expected.length} errors;`;
    assert.ok(result.error.startsWith(`The document has ${count}`), result.error);
    assert.ok(result.error.endsWith(`(line ${first.line}).`), result.error);

    const reached = first.alsoReachedThrough ?? [];
    if (typeof reachedThrough === 'number') assert.equal(reached.length, reachedThrough);
    else if (reachedThrough) assert.deepEqual(reached, reachedThrough);
    if (reached.length > 0) assert.match(first.message, /\(also reached through `/);
    for (const message of folded) {
      assert.ok(
        first.cascade?.some((c) => c.message.includes(message)),
        `"${message}" is folded under the first error: ${JSON.stringify(first.cascade?.map((c) => c.message))}`,
      );
    }

    const everywhere = (ds: Diagnostic[]): Diagnostic[] => ds.flatMap((d) => [d, ...everywhere(d.cascade ?? [])]);
    for (const d of everywhere(result.diagnostics)) {
      if (d.line === 1 && d.column === 1) assert.equal(d.path, '', `only the document itself is at 1:1, not ${d.path}: ${d.message}`);
    }
  });
}
