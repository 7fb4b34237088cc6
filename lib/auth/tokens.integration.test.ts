import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testBackends } from '../../testing/databases.ts';
import { testIdentity } from '../../testing/identity.ts';
import type { Database } from '../../prisma/db.ts';
import { createPasswordUser } from './bootstrap.ts';
import { createRevocations, type Revocation } from './revocations.ts';
import { LOCAL_ACTOR, type Actor, type Role } from './roles.ts';
import { hashTokenText } from './token-text.ts';
import { createApiTokens, LAST_USED_PRECISION_MS, type ApiTokens } from './tokens.ts';

const PASSWORD = 'correct horse battery staple';
const DAY_MS = 86_400_000;

/** Resolves with the name of the portal error `promise` rejects with, and its reason when it has one. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return 'reason' in error ? `${error.name}:${String(error.reason)}` : error.name;
  }
  return 'accepted';
}

for (const backend of testBackends()) {
  describe(`API tokens on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let tokens: ApiTokens;
    let clock = new Date('2026-12-02T10:00:00Z');
    const published: Revocation[] = [];
    const users = new Map<Role, Actor>();

    before(async () => {
      database = await backend.open();
      const { auth } = testIdentity(database.prisma, 'required');
      const revocations = createRevocations();
      revocations.subscribe((revocation) => published.push(revocation));
      tokens = createApiTokens({ db: database.prisma, revocations, now: () => clock });
      for (const role of ['viewer', 'editor', 'admin'] as const) {
        const id = await createPasswordUser(auth, database.prisma, { email: `${role}@example.com`, password: PASSWORD, role });
        users.set(role, { kind: 'user', id, name: role, role });
      }
    });
    after(() => database.close());

    const user = (role: Role): Actor => users.get(role)!;

    test('a token is shown once as ept_…, stored only as its sha256, and verifies as a token actor of its role', async () => {
      const created = await tokens.create(user('editor'), { name: 'ci-deploy', role: 'viewer', expiresInDays: 30 });
      assert.match(created.token, /^ept_[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(created.expiresAt, new Date(clock.getTime() + 30 * DAY_MS));
      const row = await database.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
      assert.equal(row.tokenHash, hashTokenText(created.token));
      assert.equal(row.prefix, created.token.slice(0, 8));
      assert.ok(!JSON.stringify(row).includes(created.token.slice(8)), 'the text is not stored');
      assert.deepEqual([row.createdByKind, row.createdById, row.ownerId], ['user', user('editor').id, user('editor').id]);

      const verified = await tokens.verify(created.token);
      assert.deepEqual(verified.actor, { kind: 'token', id: created.id, name: 'ci-deploy', role: 'viewer' });
      assert.equal(verified.ownerId, user('editor').id);
      const listed = (await tokens.list(user('editor'))).find((t) => t.id === created.id);
      assert.ok(listed);
      assert.ok(!JSON.stringify(listed).includes(created.token.slice(8)), 'lists never show the text');
    });

    test('no token above its maker: editors make viewer and editor tokens, admins any; a token makes none', async () => {
      assert.equal((await tokens.create(user('editor'), { name: 'e', role: 'editor' })).role, 'editor');
      assert.equal(await refusal(tokens.create(user('editor'), { name: 'up', role: 'admin' })), 'RoleRequiredError');
      assert.equal(await refusal(tokens.create(user('viewer'), { name: 'v', role: 'editor' })), 'RoleRequiredError');
      const admin = await tokens.create(user('admin'), { name: 'a', role: 'admin' });
      const editorToken = (await tokens.verify((await tokens.create(user('editor'), { name: 'e2', role: 'editor' })).token)).actor;
      // A leaked token could otherwise mint one without expiry that outlives its own revocation.
      assert.equal(await refusal(tokens.create(editorToken, { name: 'child', role: 'viewer' })), 'TokenMintingRefusedError');
      assert.equal(await database.prisma.apiToken.count({ where: { name: 'child' } }), 0);
      assert.equal((await tokens.verify(admin.token)).actor.role, 'admin');
      const local = await tokens.create(LOCAL_ACTOR, { name: 'from-local', role: 'admin' });
      assert.equal((await tokens.verify(local.token)).ownerId, null);
      const required = createApiTokens({ db: database.prisma, revocations: createRevocations(), refuseOwnerless: true, now: () => clock });
      assert.equal(await refusal(required.verify(local.token)), 'TokenRejectedError:ownerless', 'AUTH=required takes no token of nobody');
      assert.equal((await required.verify(admin.token)).actor.role, 'admin');
    });

    test('admins list every token, editors (and their tokens) only their own', async () => {
      const byEditor = await tokens.list(user('editor'));
      assert.ok(byEditor.length > 0);
      assert.ok(byEditor.every((t) => t.createdBy.id === user('editor').id || t.createdBy.kind === 'token'));
      const all = await tokens.list(user('admin'));
      assert.ok(all.some((t) => t.createdBy.id === user('admin').id) && all.length > byEditor.length);
      const editorToken = (await tokens.verify((await tokens.create(user('editor'), { name: 'lister', role: 'editor' })).token)).actor;
      assert.deepEqual(
        (await tokens.list(editorToken)).map((t) => t.id).sort(),
        (await tokens.list(user('editor'))).map((t) => t.id).sort(),
      );
    });

    test('revoking: at once, published, only by its owner or an admin; others get not-found', async () => {
      const mine = await tokens.create(user('editor'), { name: 'to-revoke', role: 'viewer' });
      const admins = await tokens.create(user('admin'), { name: 'admins', role: 'viewer' });
      assert.equal(await refusal(tokens.revoke(user('editor'), admins.id)), 'TokenNotFoundError');
      assert.equal(await refusal(tokens.revoke(user('editor'), 'no-such-id')), 'TokenNotFoundError');
      assert.equal(await refusal(tokens.revoke(user('editor'), 'x'.repeat(10_000))), 'TokenNotFoundError');
      assert.equal((await tokens.verify(admins.token)).actor.id, admins.id, 'a refused revocation changes nothing');

      published.length = 0;
      const revoked = await tokens.revoke(user('editor'), mine.id);
      assert.deepEqual(revoked.revokedAt, clock);
      assert.deepEqual(published, [{ tokenId: mine.id }]);
      assert.equal(await refusal(tokens.verify(mine.token)), 'TokenRejectedError:revoked');
      clock = new Date(clock.getTime() + 1000);
      assert.deepEqual((await tokens.revoke(user('admin'), mine.id)).revokedAt, revoked.revokedAt, 'revoking again keeps the first time');
      await tokens.revoke(user('admin'), admins.id);
      assert.equal(await refusal(tokens.verify(admins.token)), 'TokenRejectedError:revoked');
    });

    test('making and revoking a token are audited in their transaction, by whom and from where; a repeat revoke is not', async () => {
      const rows = (target: string) =>
        database.prisma.auditEvent.findMany({
          where: { target },
          orderBy: { id: 'asc' },
          select: { action: true, actorId: true, ip: true, detail: true },
        });
      const made = await tokens.create(user('editor'), { name: 'audited', role: 'viewer', expiresInDays: 1 }, '192.0.2.44');
      const target = `token:${made.id}`;
      assert.deepEqual(await rows(target), [
        {
          action: 'token.create',
          actorId: user('editor').id,
          ip: '192.0.2.44',
          detail: { tokenId: made.id, name: 'audited', role: 'viewer', expiresAt: made.expiresAt?.toISOString() },
        },
      ]);
      await tokens.revoke(user('admin'), made.id, '192.0.2.45');
      await tokens.revoke(user('admin'), made.id, '192.0.2.45');
      assert.deepEqual(
        (await rows(target)).map((row) => [row.action, row.actorId, row.ip]),
        [
          ['token.create', user('editor').id, '192.0.2.44'],
          ['token.revoke', user('admin').id, '192.0.2.45'],
        ],
      );
      assert.equal(await refusal(tokens.create(user('editor'), { name: 'too high', role: 'admin' })), 'RoleRequiredError');
      assert.equal(
        await database.prisma.auditEvent.count({ where: { action: 'token.create', detail: { path: ['name'], equals: 'too high' } } }),
        0,
      );
    });

    test('a token expires at its expiry, not a moment before', async () => {
      const { token, expiresAt } = await tokens.create(user('editor'), { name: 'short', role: 'viewer', expiresInDays: 1 });
      const saved = clock;
      clock = new Date(expiresAt!.getTime() - 1);
      assert.equal((await tokens.verify(token)).actor.name, 'short');
      clock = expiresAt!;
      assert.equal(await refusal(tokens.verify(token)), 'TokenRejectedError:expired');
      clock = saved;
    });

    test("a deactivated user's tokens are refused; a lowered role lowers their tokens", async () => {
      const { auth } = testIdentity(database.prisma, 'required');
      const id = await createPasswordUser(auth, database.prisma, { email: 'leaver@example.com', password: PASSWORD, role: 'admin' });
      const leaver: Actor = { kind: 'user', id, name: 'leaver', role: 'admin' };
      const { token } = await tokens.create(leaver, { name: 'leaver-ci', role: 'admin' });
      await database.prisma.user.update({ where: { id }, data: { role: 'viewer' } });
      assert.equal((await tokens.verify(token)).actor.role, 'viewer');
      await database.prisma.user.update({ where: { id }, data: { banned: true } });
      assert.equal(await refusal(tokens.verify(token)), 'TokenRejectedError:owner-deactivated');
    });

    test('unknown and malformed text is refused, saying which', async () => {
      assert.equal(await refusal(tokens.verify(`ept_${'A'.repeat(43)}`)), 'TokenRejectedError:unknown');
      for (const text of ['', 'ept_short', 'x'.repeat(100_000), `ept_${'A'.repeat(42)}\u0000`])
        assert.equal(await refusal(tokens.verify(text)), 'TokenRejectedError:malformed');
    });

    test('the last use is recorded at most once a minute', async () => {
      const { id, token } = await tokens.create(user('editor'), { name: 'busy', role: 'viewer' });
      const lastUsed = async () => (await database.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
      assert.equal(await lastUsed(), null);
      const first = clock;
      await tokens.verify(token);
      assert.deepEqual(await lastUsed(), first);
      clock = new Date(first.getTime() + LAST_USED_PRECISION_MS - 1);
      await tokens.verify(token);
      assert.deepEqual(await lastUsed(), first, 'no write within the minute');
      clock = new Date(first.getTime() + LAST_USED_PRECISION_MS);
      await tokens.verify(token);
      assert.deepEqual(await lastUsed(), clock);
    });
  });
}
