import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { validateDocument } from '../../asyncapi/validate.ts';
import type { Database } from '../../prisma/db.ts';
import { tableCounts, testBackends } from '../../testing/databases.ts';
import { readExample } from '../../testing/examples.ts';
import { createCatalogue, type Catalogue } from '../catalogue.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';
import { parseAuditQuery } from './query.ts';
import { recordAudit } from './record.ts';
import type { AuditContext } from './types.ts';

const ADA: AuditContext = { actor: { kind: 'user', id: 'u-ada', name: 'Ada' }, ip: '192.0.2.7' };
// PostgreSQL refuses a NUL in text, and only the audit row keeps the address: its insert alone fails, which shows
// what that failure undoes.
const UNWRITABLE: AuditContext = { actor: ADA.actor, ip: '192.0.2.\u0000' };

const withVersion = (raw: string, version: string): string => raw.replace('version: 1.2.0', `version: ${version}`);
// Drops the optional displayName of UserSignedUp: a breaking change without a major bump.
const breaking = (raw: string, version: string): string =>
  withVersion(raw, version)
    .replace('          displayName:\n            type: string\n', '')
    .replace('            displayName: Alice\n', '');

for (const backend of testBackends()) {
  describe(`the audit log on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let catalogue: Catalogue;
    let audit: AuditLog;
    let original: string;
    const everything = () => audit.list({ limit: 1000 });

    before(async () => {
      database = await backend.open();
      catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
      audit = createAuditLog(database.prisma);
      original = await readExample('user-signup-v2.yaml');
    });
    after(() => database?.close());

    test('a registration writes one document.register row with its actor, and the version keeps who registered it', async () => {
      assert.equal((await catalogue.register(original, { context: ADA })).status, 'created');
      const { events } = await everything();
      assert.equal(events.length, 1);
      const [event] = events;
      assert.deepEqual(
        { actor: event?.actor, action: event?.action, target: event?.target, detail: event?.detail, ip: event?.ip },
        { actor: ADA.actor, action: 'document.register', target: 'user-accounts@1.2.0', detail: { version: '1.2.0' }, ip: '192.0.2.7' },
      );
      assert.deepEqual((await catalogue.getVersion('user-accounts', '1.2.0')).registeredBy, ADA.actor);
      assert.deepEqual(
        (await catalogue.getDocument('user-accounts')).versions.map((v) => v.registeredBy?.name),
        ['Ada'],
      );
    });

    test('registering the same content again stores nothing and audits nothing', async () => {
      assert.equal((await catalogue.register(original, { context: ADA })).status, 'unchanged');
      assert.equal((await everything()).events.length, 1);
    });

    test('refused registrations (409 breaking, 409 conflict, 422 invalid) write no row', async () => {
      await assert.rejects(catalogue.register(breaking(original, '1.3.0'), { context: ADA }), { name: 'BreakingChangesError' });
      await assert.rejects(
        catalogue.register(original.replace('title: User Accounts', 'title: User Accounts\n  x-y: 1'), { context: ADA }),
        {
          name: 'VersionConflictError',
        },
      );
      await assert.rejects(catalogue.register('asyncapi: 3.0.0\ninfo: {}\n', { context: ADA }), { name: 'DocumentInvalidError' });
      assert.equal((await everything()).events.length, 1);
    });

    test('a forced registration writes document.register.forced with the changes it overrode', async () => {
      const result = await catalogue.register(breaking(original, '1.3.0'), { force: true, context: ADA });
      assert.equal(result.forced, true);
      const [event] = (await audit.list({ action: 'document.register.forced', limit: 10 })).events;
      assert.equal(event?.target, 'user-accounts@1.3.0');
      assert.equal(event?.detail.version, '1.3.0');
      assert.deepEqual(
        (event?.detail.overriddenChanges as { description: string }[]).map((c) => c.description),
        ['UserSignedUp payload "displayName": property removed'],
      );
      assert.equal((await everything()).events.length, 2);
    });

    test('when the audit row cannot be stored, neither is the registration', async () => {
      const before = await tableCounts(database);
      const next = withVersion(original, '1.4.0');
      await assert.rejects(catalogue.register(next, { context: UNWRITABLE }), /auditEvent\.create/);
      assert.deepEqual(await tableCounts(database), before);
      assert.equal((await everything()).events.length, 2);
      // The same registration with a writable row goes through: it was the row that failed.
      assert.equal((await catalogue.register(next, { context: ADA })).status, 'created');
      assert.equal((await everything()).events.length, 3);
    });

    test('a status change writes one version.status row with from and to, in its transaction', async () => {
      await catalogue.setStatus('user-accounts', '1.2.0', 'deprecated', ADA);
      const [event] = (await audit.list({ action: 'version.status', limit: 10 })).events;
      assert.deepEqual(event?.detail, { version: '1.2.0', from: 'released', to: 'deprecated' });
      assert.equal(event?.target, 'user-accounts@1.2.0');
      // The same status again changes nothing and is not audited.
      await catalogue.setStatus('user-accounts', '1.2.0', 'deprecated', ADA);
      assert.equal((await audit.list({ action: 'version.status', limit: 10 })).events.length, 1);
      // An unknown version is a 404 and no row.
      await assert.rejects(catalogue.setStatus('user-accounts', '9.9.9', 'retired', ADA), { name: 'NotFoundError' });
      // An unwritable row leaves the status as it was.
      await assert.rejects(catalogue.setStatus('user-accounts', '1.2.0', 'retired', UNWRITABLE), /auditEvent\.create/);
      assert.equal((await catalogue.getVersion('user-accounts', '1.2.0')).status, 'deprecated');
      assert.equal((await audit.list({ action: 'version.status', limit: 10 })).events.length, 1);
    });

    test('the table is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
      for (const sql of [
        'UPDATE audit_event SET actor_name = $1',
        'DELETE FROM audit_event WHERE actor_name <> $1',
        'TRUNCATE audit_event',
      ]) {
        await assert.rejects(
          sql.includes('$1') ? database.prisma.$executeRawUnsafe(sql, 'Mallory') : database.prisma.$executeRawUnsafe(sql),
          /append-only/,
          sql,
        );
      }
      assert.deepEqual(
        (await everything()).events.map((e) => e.actor.name),
        ['Ada', 'Ada', 'Ada', 'Ada'],
      );
    });

    test('the reader filters by actor id or name, action or group, since, and pages with limit and before', async () => {
      const grace: AuditContext = { actor: { kind: 'local', id: 't-ci', name: 'ci pipeline' }, ip: null };
      for (let i = 0; i < 5; i += 1)
        await recordAudit(database.prisma, {
          ...grace,
          action: 'event.publish',
          target: `t${i}`,
          detail: { topic: `t${i}`, bytes: i, forced: false },
        });
      const query = (search: string) => audit.list(parseAuditQuery(new URLSearchParams(search)));

      assert.equal((await query('actor=t-ci')).events.length, 5);
      assert.equal((await query('actor=CI%20Pipeline')).events.length, 5, 'a name in any case');
      assert.equal((await query('actor=u-ada')).events.length, 4);
      assert.equal((await query('actor=ci')).events.length, 0, 'no partial match');
      assert.deepEqual(
        (await query('action=document.')).events.map((e) => e.action),
        ['document.register', 'document.register.forced', 'document.register'],
      );
      assert.equal((await query('action=document.register')).events.length, 2);
      assert.equal((await query('since=2999-01-01')).events.length, 0);
      assert.equal((await query('since=2000-01-01T00:00:00Z')).events.length, 9);

      const first = await query('limit=3');
      assert.deepEqual(
        first.events.map((e) => e.target),
        ['t4', 't3', 't2'],
      );
      assert.ok(first.next);
      const second = await query(`limit=3&before=${first.next}`);
      assert.deepEqual(
        second.events.map((e) => e.target),
        ['t1', 't0', 'user-accounts@1.2.0'],
      );
      const last = await query(`limit=3&before=${second.next}`);
      assert.equal(last.events.length, 3);
      assert.equal(last.next, null);
    });
  });
}
