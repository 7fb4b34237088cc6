import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../prisma/db.ts';
import { testBackends } from '../../testing/databases.ts';
import { useRedis, type TestRedis } from '../../testing/redis.ts';
import { startRecordingCapture, type RecordingCapture, type RecordingCaptureOptions } from './capture.ts';
import { encodeNotice } from './notice.ts';

let database: Database;
let redis: TestRedis;

/** A running recording's row, as a start commits it. */
async function running(name: string): Promise<string> {
  const id = randomUUID();
  await database.prisma.recording.create({
    data: { id, name, patterns: [`${redis.prefix}${name}.*`], maxMessages: 100, maxSeconds: 600, createdById: 't', createdByName: 't' },
  });
  return id;
}

/** A capture that stores only when told (`settle`), armed for recording `id` as its start notice would. */
function armed(id: string, name: string, maxMessages: number, options: Partial<RecordingCaptureOptions> = {}): RecordingCapture {
  const channel = `${redis.prefix}recordings`;
  const capture = startRecordingCapture({
    db: database.prisma,
    subscriber: redis.connect(),
    channel,
    messageBytes: 1024,
    flushMs: 60_000,
    ...options,
  });
  const notice = encodeNotice({ op: 'start', id, patterns: [`${redis.prefix}${name}.*`], maxMessages, deadline: Date.now() + 600_000 });
  assert.equal(capture.control(channel, Buffer.from(notice)), true);
  return capture;
}

const stored = (id: string) => database.prisma.recordedMessage.findMany({ where: { recordingId: id }, orderBy: { seq: 'asc' } });

for (const backend of testBackends())
  describe(`recording capture (${backend.name}, Redis)`, { skip: backend.skip ?? false }, () => {
    before(async () => {
      database = await backend.open();
      redis = await useRedis();
    });
    after(async () => {
      await redis?.stop();
      await database?.close();
    });

    test('drops, rather than keeps, what passes the bytes waiting for the database', async () => {
      const id = await running('bytes');
      const channelName = (i: number) => `${redis.prefix}bytes.${i}`;
      const size = 300 + Buffer.byteLength(channelName(0));
      const capture = armed(id, 'bytes', 100, { maxPendingBytes: size * 3 });
      try {
        for (let i = 0; i < 5; i++) capture.record(channelName(i), Buffer.alloc(300, 'x'), Date.now());
        await capture.settle();
        assert.deepEqual(
          (await stored(id)).map((message) => message.channel),
          [0, 1, 2].map(channelName),
        );
        capture.record(channelName(5), Buffer.alloc(300, 'x'), Date.now());
        await capture.settle();
        assert.equal((await stored(id)).length, 4);
      } finally {
        await capture.stop();
      }
    });

    test('a batch the database refused is stored, with its stop at the limit, at the next flush', async () => {
      const id = await running('retried');
      let failures = 1;
      const prisma = database.prisma;
      const flaky = new Proxy(prisma, {
        get(target, key) {
          if (key === '$transaction' && failures > 0) {
            failures -= 1;
            return () => Promise.reject(new Error('the database went away'));
          }
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const capture = armed(id, 'retried', 2, { db: flaky });
      try {
        for (let i = 0; i < 3; i++) capture.record(`${redis.prefix}retried.${i}`, Buffer.from(String(i)), Date.now());
        await capture.settle();
        assert.equal(failures, 0);
        assert.equal((await prisma.recording.findUniqueOrThrow({ where: { id } })).state, 'recording');
        await capture.settle();
        const row = await prisma.recording.findUniqueOrThrow({ where: { id } });
        assert.deepEqual([row.state, row.stopReason, row.messageCount], ['stopped', 'maxMessages', 2]);
        assert.deepEqual(
          (await stored(id)).map((message) => Buffer.from(message.payload).toString()),
          ['0', '1'],
        );
      } finally {
        await capture.stop();
      }
    });
  });
