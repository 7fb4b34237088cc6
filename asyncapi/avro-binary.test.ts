import assert from 'node:assert/strict';
import { test } from 'node:test';
import avro from 'avsc';
import { avroBinaryCodec, MAX_AVRO_BINARY_BYTES, type AvroBinaryCodec, type AvroDecoding } from './avro-binary.ts';
import { MAX_EMPTY_ITEMS } from './avro-binary-scan.ts';

const USER = { type: 'record', name: 'User', fields: [{ name: 'username', type: 'string' }] };
const CHAT = {
  type: 'record',
  name: 'ChatMessage',
  namespace: 'im.chat',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'sent', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'fromUser', type: USER },
    { name: 'editedBy', type: ['null', 'string'], default: null },
    { name: 'replyTo', type: ['null', 'User'], default: null },
    { name: 'mentions', type: { type: 'array', items: 'User' } },
    { name: 'reactions', type: { type: 'map', values: 'int' } },
  ],
};
const ADA = {
  id: 'm1',
  sent: 1700000000000,
  fromUser: { username: 'ada' },
  editedBy: 'bob',
  replyTo: { username: 'cy' },
  mentions: [],
  reactions: {},
};

function codecOf(schema: unknown): AvroBinaryCodec {
  const codec = avroBinaryCodec(schema);
  assert.ok(!('error' in codec), 'error' in codec ? codec.error : '');
  return codec;
}

/** Bytes as avsc itself writes them, without the portal's codec. */
const encoded = (schema: unknown, value: unknown): Buffer => avro.Type.forSchema(schema as never).toBuffer(value);

function invalid(decoding: AvroDecoding): string {
  assert.equal(decoding.status, 'invalid', JSON.stringify(decoding));
  return decoding.status === 'invalid' ? decoding.reason : '';
}

test('a record decodes to its Avro JSON encoding: unions wrapped by branch name, nested records, arrays and maps', () => {
  const chat = codecOf(CHAT);
  assert.equal(chat.name, 'im.chat.ChatMessage');
  const value = { ...ADA, mentions: [{ username: 'eve' }, { username: 'fay' }], reactions: { '+1': 3 } };
  const decoding = chat.decode(encoded(CHAT, value));
  assert.equal(decoding.status, 'decoded');
  assert.deepEqual(JSON.parse(decoding.status === 'decoded' ? decoding.text : ''), {
    ...value,
    editedBy: { string: 'bob' },
    replyTo: { 'im.chat.User': { username: 'cy' } },
  });
  assert.deepEqual(chat.decode(encoded(CHAT, { ...ADA, editedBy: null, replyTo: null })), {
    status: 'decoded',
    text: '{"id":"m1","sent":1700000000000,"fromUser":{"username":"ada"},"editedBy":null,"replyTo":null,"mentions":[],"reactions":{}}',
  });
});

test('a long past 2^53 decodes to its exact digits, not a rounded number or an error', () => {
  const snowflake = 1152921504606846977n;
  const bytes = encoded('long', 0);
  const exact = avro.types.LongType.__with({
    fromBuffer: (buf: Buffer) => buf.readBigInt64LE(0),
    toBuffer: (n: bigint) => {
      const buf = Buffer.alloc(8);
      buf.writeBigInt64LE(n);
      return buf;
    },
    fromJSON: BigInt,
    toJSON: Number,
    isValid: (n: unknown) => typeof n === 'bigint',
    compare: () => 0,
  });
  const record = { type: 'record', name: 'Id', fields: [{ name: 'id', type: 'long' }] };
  const big = avro.Type.forSchema(record as never, { registry: { long: exact } }).toBuffer({ id: snowflake });
  assert.deepEqual(codecOf(record).decode(big), { status: 'decoded', text: `{"id":${snowflake}}` });
  assert.deepEqual(codecOf('long').decode(bytes), { status: 'decoded', text: '0' });
  const text = { type: 'record', name: 'Text', fields: [{ name: 's', type: 'string' }] };
  assert.deepEqual(codecOf(text).decode(encoded(text, { s: '\u0000long:1' })), { status: 'decoded', text: '{"s":"\\u0000long:1"}' });
});

test('a truncated buffer, trailing bytes and bytes of another schema are invalid, with where', () => {
  const chat = codecOf(CHAT);
  const bytes = encoded(CHAT, ADA);
  assert.match(invalid(chat.decode(bytes.subarray(0, bytes.length - 3))), /^it ends inside /);
  assert.equal(invalid(chat.decode(Buffer.concat([bytes, Buffer.from([0, 0])]))), `2 bytes follow the value (at byte ${bytes.length})`);
  const user = codecOf(USER);
  assert.equal(invalid(user.decode(encoded({ type: 'array', items: 'double' }, [1.5, 2.5]))), '15 bytes follow the value (at byte 3)');
  assert.equal(invalid(user.decode(encoded('int', 7))), 'it ends inside a string (at byte 1 of 1)');
  assert.equal(
    invalid(user.decode(Buffer.from('{"username":"ada"}'))),
    'a string at byte 0 has a negative length (-62)',
    'JSON is not binary Avro',
  );
  assert.equal(
    invalid(codecOf(['null', 'string']).decode(Buffer.from([0x08]))),
    'a union at byte 0 has branch index 4, out of range for its 2 branches',
  );
  const mood = { type: 'enum', name: 'Mood', symbols: ['HAPPY', 'SAD'] };
  assert.equal(
    invalid(codecOf(mood).decode(Buffer.from([0x06]))),
    'the enum Mood at byte 0 has symbol index 3, out of range for its 2 symbols',
  );
  assert.equal(invalid(codecOf('string').decode(Buffer.from([0x01]))), 'a string at byte 0 has a negative length (-1)');
  assert.equal(invalid(codecOf('long').decode(Buffer.alloc(11, 0xff))), 'a long at byte 0 runs over 10 bytes');
  assert.equal(invalid(codecOf('string').decode(Buffer.alloc(0))), 'it ends inside the length of a string (at byte 0 of 0)');
});

test('a block of 2^53 zero-width items (null, an empty record) is refused at once, without decoding', () => {
  const huge = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f]); // zigzag 2^53 - 1
  for (const items of ['null', { type: 'record', name: 'Empty', fields: [] }, { type: 'fixed', name: 'None', size: 0 }]) {
    const started = performance.now();
    const reason = invalid(codecOf({ type: 'array', items }).decode(Buffer.concat([huge, Buffer.from([0])])));
    assert.ok(performance.now() - started < 500, 'returns quickly');
    assert.equal(reason, `a block of an array declares 9007199254740991 items that take no bytes; at most ${MAX_EMPTY_ITEMS} are read`);
  }
  const fewNulls = codecOf({ type: 'array', items: 'null' }).decode(Buffer.from([0x06, 0]));
  assert.deepEqual(fewNulls, { status: 'decoded', text: '[null,null,null]' });
});

test('a huge block count of items that take bytes ends with the bytes, and a block byte size must match', () => {
  const started = performance.now();
  const reason = invalid(
    codecOf({ type: 'map', values: 'int' }).decode(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1f, 2, 0x61, 2])),
  );
  assert.ok(performance.now() - started < 500);
  assert.equal(reason, 'it ends inside the length of a map key (at byte 11 of 11)');
  // Two ints in a block written with its byte size (a negative count): -2, size 2, then 1 and 2.
  assert.deepEqual(codecOf({ type: 'array', items: 'int' }).decode(Buffer.from([0x03, 0x04, 0x02, 0x04, 0])), {
    status: 'decoded',
    text: '[1,2]',
  });
  assert.match(
    invalid(codecOf({ type: 'array', items: 'int' }).decode(Buffer.from([0x03, 0x06, 0x02, 0x04, 0]))),
    /declares 3 bytes but holds 2/,
  );
});

test('a value nested past the depth limit, or a payload past the size limit, is not decoded: no RangeError, no verdict', () => {
  const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }] };
  const deep = Buffer.concat([Buffer.alloc(100_000, 0x02), Buffer.from([0])]);
  const decoding = codecOf(list).decode(deep);
  assert.equal(decoding.status, 'undecoded');
  assert.match(decoding.status === 'undecoded' ? decoding.reason : '', /nests deeper than 64 levels/);
  assert.equal(codecOf(list).decode(Buffer.from([2, 2, 0])).status, 'decoded');
  const large = codecOf('bytes').decode(Buffer.alloc(MAX_AVRO_BINARY_BYTES + 1));
  assert.equal(large.status, 'undecoded');
});

test('encoding takes Avro JSON, a union value bare or wrapped, and round-trips through decoding', () => {
  const chat = codecOf(CHAT);
  const bare = chat.encode(JSON.stringify(ADA));
  const wrapped = chat.encode(JSON.stringify({ ...ADA, editedBy: { string: 'bob' }, replyTo: { 'im.chat.User': { username: 'cy' } } }));
  assert.deepEqual(bare, encoded(CHAT, ADA));
  assert.deepEqual(wrapped, bare);
  const bytes = codecOf({ type: 'record', name: 'B', fields: [{ name: 'b', type: ['null', 'bytes'] }] });
  assert.deepEqual(bytes.decode(bytes.encode('{"b":"\\u0000\\u00ff"}')), { status: 'decoded', text: '{"b":{"bytes":"\\u0000ÿ"}}' });
  assert.throws(() => chat.encode('{"id":1}'), /invalid/);
});

test('a schema avsc refuses has no codec, with its reason', () => {
  const codec = avroBinaryCodec({ type: 'record', name: 'R', fields: [{ name: 'x', type: 'Nowhere' }] });
  assert.ok('error' in codec);
  assert.match(codec.error, /Nowhere/);
});
