import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readExample } from '../testing/examples.ts';
import { validateDocument } from '../asyncapi/validate.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import { errorResponse } from './http.ts';
import type { Database } from '../prisma/db.ts';
import { tableCounts, testBackends } from '../testing/databases.ts';
import { registerVersion } from '../prisma/store/register.ts';

const SLUG = 'user-accounts';
const withVersion = (raw: string, version: string): string => raw.replace('version: 1.2.0', `version: ${version}`);
// 1.3.0 drops the optional displayName property of UserSignedUp: breaking for whoever reads it.
const withoutDisplayName = (raw: string, version: string): string =>
  withVersion(raw, version)
    .replace('          displayName:\n            type: string\n', '')
    .replace('            displayName: Alice\n', '');

for (const backend of testBackends()) {
  describe(`version governance on ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let database: Database;
    let catalogue: Catalogue;
    let original: string;

    before(async () => {
      database = await backend.open();
      catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
      original = await readExample('user-signup-v2.yaml');
      assert.equal((await catalogue.register(original)).status, 'created');
    });
    after(() => database?.close());

    test('a breaking change without a major bump is refused with the changes, and every table is unchanged', async () => {
      const counts = await tableCounts(database);
      await assert.rejects(
        catalogue.register(withoutDisplayName(original, '1.3.0')),
        (error: Error & { breakingChanges?: { type: string; description: string }[]; latestVersion?: string }) => {
          assert.equal(error.name, 'BreakingChangesError');
          assert.equal(error.latestVersion, '1.2.0');
          assert.deepEqual(
            error.breakingChanges?.map((c) => [c.type, c.description]),
            [['breaking', 'UserSignedUp payload "displayName": property removed']],
          );
          assert.match(error.message, /force=true/);
          return true;
        },
      );
      assert.deepEqual(await tableCounts(database), counts);
    });

    test('forcing it registers the version and records what was overridden', async () => {
      const result = await catalogue.register(withoutDisplayName(original, '1.3.0'), { force: true });
      assert.deepEqual(
        { status: result.status, version: result.version, forced: result.forced },
        { status: 'created', version: '1.3.0', forced: true },
      );
      const stored = await catalogue.getVersion(SLUG, '1.3.0');
      assert.equal(stored.forced, true);
      assert.deepEqual(
        stored.overriddenChanges.map((c) => c.path),
        ['/channels/user~1{userId}~1signedup/messages/UserSignedUp/payload/properties/displayName'],
      );
      const { versions } = await catalogue.getDocument(SLUG);
      assert.deepEqual(
        versions.map((v) => [v.version, v.forced, v.status]),
        [
          ['1.3.0', true, 'released'],
          ['1.2.0', false, 'released'],
        ],
      );
    });

    test('identical content stays unchanged and the same version with other content is a version conflict', async () => {
      assert.equal((await catalogue.register(withoutDisplayName(original, '1.3.0'))).status, 'unchanged');
      await assert.rejects(catalogue.register(withVersion(original, '1.3.0')), { name: 'VersionConflictError' });
    });

    test('a registration checked against a latest version that has changed since is refused, and every table is unchanged', async () => {
      const raw = withVersion(original, '1.4.0');
      const result = await validateDocument(raw);
      assert.ok(result.valid);
      const counts = await tableCounts(database);
      const write = registerVersion(database.prisma, {
        raw,
        contentHash: 'h',
        format: 'yaml',
        document: result.document,
        warnings: [],
        checkedAgainst: '1.2.0',
      });
      await assert.rejects(write, { name: 'LatestVersionChangedError', message: /1\.3\.0 .* checked against 1\.2\.0/ });
      assert.deepEqual(await tableCounts(database), counts);
    });

    test('a major bump may break, and is not marked forced', async () => {
      const raw = withVersion(original, '2.0.0').replace(
        '          reason:\n            type: string',
        '          reason:\n            type: string\n            enum: [requested by the user]',
      );
      const result = await catalogue.register(raw);
      assert.deepEqual({ status: result.status, forced: result.forced }, { status: 'created', forced: false });
    });

    test('the diff of two stored versions lists the classified changes', async () => {
      const diff = await catalogue.diff(SLUG, '1.2.0', '2.0.0');
      assert.deepEqual({ from: diff.from, to: diff.to }, { from: '1.2.0', to: '2.0.0' });
      assert.deepEqual(
        diff.changes.filter((c) => c.type === 'breaking').map((c) => c.description),
        ['UserDeleted payload "reason": values restricted to "requested by the user"'],
      );
      assert.equal(diff.summary.breaking, 1);
      assert.ok(diff.summary.nonBreaking >= 1, 'the version bump itself');
      await assert.rejects(catalogue.diff(SLUG, '1.2.0', '9.9.9'), { name: 'NotFoundError' });
    });

    test('two concurrent first registrations of a new document: one is stored, the other is refused for the latest version it missed', async () => {
      const fresh = original.replace('title: User Accounts', 'title: Concurrent Accounts');
      const versions = ['1.0.0', '1.1.0'];
      const outcomes = await Promise.allSettled([
        catalogue.register(withVersion(fresh, '1.0.0')),
        catalogue.register(withoutDisplayName(fresh, '1.1.0')),
      ]);
      const stored = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [versions[i]] : []));
      const refused = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [o.reason as Error & { checkedAgainst?: unknown; latestVersion?: unknown }] : [],
      );
      assert.equal(stored.length, 1, `exactly one is stored, not ${stored.join(' and ') || 'none'}`);
      assert.deepEqual(
        refused.map((e) => [e.name, e.checkedAgainst, e.latestVersion]),
        [['LatestVersionChangedError', null, stored[0]]],
      );
      assert.deepEqual(
        (await catalogue.getDocument('concurrent-accounts')).versions.map((v) => v.version),
        stored,
      );
      assert.equal(errorResponse(refused[0]).status, 409);
      // Sent again, the refused version is checked against the stored one: 1.1.0 breaks 1.0.0; 1.0.0 back-fills below 1.1.0.
      if (stored[0] === '1.0.0')
        await assert.rejects(catalogue.register(withoutDisplayName(fresh, '1.1.0')), {
          name: 'BreakingChangesError',
          latestVersion: '1.0.0',
        });
      else assert.equal((await catalogue.register(withVersion(fresh, '1.0.0'))).status, 'created');
    });

    test('lifecycle: a version moves to deprecated, the latest status is readable, unknown versions are not found', async () => {
      assert.deepEqual(await catalogue.latestStatus(SLUG), { version: '2.0.0', status: 'released' });
      await catalogue.setStatus(SLUG, '2.0.0', 'deprecated');
      assert.deepEqual(await catalogue.latestStatus(SLUG), { version: '2.0.0', status: 'deprecated' });
      assert.equal((await catalogue.getVersion(SLUG, '2.0.0')).status, 'deprecated');
      assert.equal((await catalogue.getVersion(SLUG, '1.2.0')).status, 'released');
      assert.equal((await catalogue.listDocuments()).find((d) => d.slug === SLUG)?.latestStatus, 'deprecated');
      const channels = (await catalogue.listChannels()).filter((c) => c.slug === SLUG);
      assert.ok(channels.length > 0 && channels.every((c) => c.status === 'deprecated' && c.version === '2.0.0'));
      await assert.rejects(catalogue.setStatus(SLUG, '9.9.9', 'retired'), { name: 'NotFoundError' });
      assert.equal(await catalogue.latestStatus('no-such-document'), null);
    });
  });
}
