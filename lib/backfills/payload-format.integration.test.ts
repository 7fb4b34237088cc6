import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validateDocument } from '../../asyncapi/validate.ts';
import type { StoreClient } from '../../prisma/db.ts';
import { openDatabase } from '../../prisma/db.ts';
import { Prisma } from '../../prisma/generated/client.ts';
import { createPostgresDatabase, storeDocument, testBackends } from '../../testing/databases.ts';
import { readExample } from '../../testing/examples.ts';
import { backfillPayloadFormats, PAYLOAD_FORMAT_BACKFILL } from './payload-format.ts';

// Versions stored before message.payload_format existed get the format their stored text says, with the payload
// and searched properties derived with it; JSON Schema payloads keep none; it runs once per database.
const validator = { validate: validateDocument };
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type StoredPayload = { key: string; payload: unknown; payloadFormat: unknown; payloadProperties: string[] };

const messagesOf = (db: StoreClient, slug: string): Promise<StoredPayload[]> =>
  db.message.findMany({
    where: { docVersion: { document: { slug } } },
    select: { key: true, payload: true, payloadFormat: true, payloadProperties: true },
    orderBy: { key: 'asc' },
  });

/** Makes a version's messages look as the portal stored them before the column: the schema as written, no format, no properties. */
async function asStoredBeforeTheColumn(db: StoreClient, slug: string): Promise<void> {
  const rows = await db.message.findMany({ where: { docVersion: { document: { slug } } }, select: { id: true, payloadFormat: true } });
  for (const row of rows) {
    const written = (row.payloadFormat as { original?: Prisma.InputJsonValue } | null)?.original;
    await db.message.update({
      where: { id: row.id },
      data: { payloadFormat: Prisma.DbNull, payloadProperties: [], ...(written === undefined ? {} : { payload: written }) },
    });
  }
}

for (const backend of testBackends()) {
  describe(`the payload format backfill on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    test('fills the format, payload and properties of versions stored without them, in batches, once', async () => {
      const database = await backend.open();
      try {
        const db = database.prisma;
        const examples = ['chat-avro-2.yaml', 'chat-avro-3.yaml', 'orders-openapi-3.yaml', 'unsupported-formats-3.yaml'];
        for (const file of examples) await storeDocument(db, await readExample(`schema-formats/${file}`));
        await storeDocument(db, await readExample('ecommerce-orders.yaml'));
        const slugs = ['chat-rooms-avro-two', 'chat-rooms-avro', 'orders-openapi', 'unsupported-formats'];
        const registered = await Promise.all(slugs.map((slug) => messagesOf(db, slug)));
        assert.ok(
          registered.every((messages) => messages.some((m) => m.payloadFormat !== null)),
          'each example has a formatted payload',
        );
        for (const slug of slugs) await asStoredBeforeTheColumn(db, slug);
        const jsonSchema = await messagesOf(db, 'ecommerce-orders');

        const outcome = await backfillPayloadFormats(db, validator, { batchSize: 1 });
        assert.deepEqual(
          { ...outcome, messages: outcome.messages > 0 },
          { alreadyDone: false, versions: slugs.length, messages: true, unreadable: [] },
          'only the versions whose text names a schemaFormat are read',
        );
        assert.deepEqual(await Promise.all(slugs.map((slug) => messagesOf(db, slug))), registered, 'as registration stores them today');
        assert.deepEqual(await messagesOf(db, 'ecommerce-orders'), jsonSchema, 'JSON Schema payloads keep no format');

        await asStoredBeforeTheColumn(db, 'chat-rooms-avro-two');
        assert.deepEqual(await backfillPayloadFormats(db, validator), { alreadyDone: true, versions: 0, messages: 0, unreadable: [] });
        assert.equal((await messagesOf(db, 'chat-rooms-avro-two'))[0]?.payloadFormat, null, 'a second run reads nothing');
      } finally {
        await database.close();
      }
    });

    test('a version whose stored text no longer validates is left as stored and named', async () => {
      const database = await backend.open();
      try {
        const db = database.prisma;
        await storeDocument(db, await readExample('schema-formats/chat-avro-3.yaml'));
        await asStoredBeforeTheColumn(db, 'chat-rooms-avro');
        const before = await messagesOf(db, 'chat-rooms-avro');
        const { id } = await db.documentVersion.update({
          where: {
            documentId_version: {
              documentId: (await db.document.findUniqueOrThrow({ where: { slug: 'chat-rooms-avro' } })).id,
              version: '1.0.0',
            },
          },
          data: { raw: 'asyncapi: 3.0.0\ninfo: { title: Broken, version: 1.0.0 }\nschemaFormat: [' },
          select: { id: true },
        });
        const outcome = await backfillPayloadFormats(db, validator);
        assert.equal(outcome.unreadable.length, 1);
        assert.match(outcome.unreadable[0] ?? '', new RegExp(`^${id}: `));
        assert.deepEqual(await messagesOf(db, 'chat-rooms-avro'), before);
      } finally {
        await database.close();
      }
    });
  });
}

describe('npm run db:migrate on PostgreSQL', { skip: testBackends()[1]?.skip ?? false }, () => {
  test('runs the backfill after the migrations', async () => {
    const fresh = await createPostgresDatabase(process.env.TEST_DATABASE_URL ?? '', 'portal_backfill');
    try {
      const database = await openDatabase({ url: fresh.url });
      try {
        await database.migrate();
        await storeDocument(database.prisma, await readExample('schema-formats/chat-avro-2.yaml'));
        const registered = await messagesOf(database.prisma, 'chat-rooms-avro-two');
        await asStoredBeforeTheColumn(database.prisma, 'chat-rooms-avro-two');
        const migrate = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: fresh.url },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        migrate.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        const [code] = (await once(migrate, 'close')) as [number | null];
        assert.equal(code, 0);
        assert.equal(stdout, 'The database is up to date.\nPayload formats: 1 message of 1 version filled.\n');
        assert.deepEqual(await messagesOf(database.prisma, 'chat-rooms-avro-two'), registered);
        assert.equal(await database.prisma.dataBackfill.count({ where: { name: PAYLOAD_FORMAT_BACKFILL } }), 1);
      } finally {
        await database.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});
