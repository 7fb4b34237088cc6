import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompatibilityMode } from '../asyncapi/compatibility.ts';
import { validateDocument } from '../asyncapi/validate.ts';
import type { Database } from '../prisma/db.ts';
import { testBackends } from '../testing/databases.ts';
import { createCatalogue, type Catalogue } from './catalogue.ts';
import type { BreakingChange } from './governance.ts';

interface Shape {
  /** Required properties; `id` by default. */
  required?: string[];
  /** Refuses unknown properties (`additionalProperties: false`). */
  closed?: boolean;
}

/** One message's payload: `properties` as YAML flow text, e.g. `id: { type: integer }`. */
const documentOf = (
  title: string,
  version: string,
  properties: string,
  { required = ['id'], closed = false }: Shape = {},
): string => `asyncapi: 3.0.0
info: { title: ${title}, version: ${version} }
channels:
  orders:
    address: orders
    messages:
      Order:
        payload: { type: object, required: [${required.join(', ')}], properties: { ${properties} }${closed ? ', additionalProperties: false' : ''} }
`;

const ID = 'id: { type: integer }';
const NOTE = 'note: { type: string }';
const EXTRA = 'extra: { type: string }';

type Refusal = Error & { breakingChanges?: BreakingChange[]; mode?: string };

/** Registers `raw`, answering 'created' or the refused changes as `against direction description` lines. */
async function outcome(catalogue: Catalogue, raw: string, force = false): Promise<string | string[]> {
  try {
    return (await catalogue.register(raw, { force })).status;
  } catch (error) {
    const refusal = error as Refusal;
    if (refusal.name !== 'BreakingChangesError') throw error;
    return (refusal.breakingChanges ?? []).map((c) => `${c.against} ${c.direction} ${c.description}`);
  }
}

const [backend] = testBackends();

describe('compatibility modes', { skip: backend?.skip ?? false }, () => {
  let database: Database;
  let catalogue: Catalogue;
  let documents = 0;

  /** A fresh document under `mode`, its first version registered with `properties`. */
  async function documentUnder(
    mode: CompatibilityMode,
    properties: string,
    shape: Shape = {},
  ): Promise<(version: string, p: string, s?: Shape) => string> {
    const title = `Compat ${++documents}`;
    assert.equal(await outcome(catalogue, documentOf(title, '1.0.0', properties, shape)), 'created');
    await catalogue.setCompatibility(`compat-${documents}`, mode);
    return (version, p, s = {}) => documentOf(title, version, p, s);
  }

  before(async () => {
    database = await backend!.open();
    catalogue = createCatalogue({ db: database.prisma, validator: { validate: validateDocument } });
  });
  after(() => database?.close());

  test('BACKWARD (the default): an optional property may be added, not removed; a major bump may break', async () => {
    const next = await documentUnder('BACKWARD', `${ID}, ${NOTE}`);
    assert.equal(await outcome(catalogue, next('1.1.0', `${ID}, ${NOTE}, ${EXTRA}`)), 'created');
    assert.deepEqual(await outcome(catalogue, next('1.2.0', `${ID}, ${EXTRA}`)), ['1.1.0 backward Order payload "note": property removed']);
    assert.equal(await outcome(catalogue, next('2.0.0', ID)), 'created');
  });

  test('FORWARD: the earlier version must read the new payloads: removing an optional property passes, a required one does not', async () => {
    const next = await documentUnder('FORWARD', `${ID}, ${NOTE}`);
    assert.equal(await outcome(catalogue, next('1.1.0', ID)), 'created', 'note was optional: 1.0.0 reads messages without it');
    assert.equal(
      await outcome(catalogue, next('1.2.0', `${ID}, ${EXTRA}`)),
      'created',
      'an open schema accepts a property it does not name',
    );
    assert.deepEqual(await outcome(catalogue, next('1.3.0', EXTRA, { required: ['extra'] })), [
      '1.2.0 forward Read from the new version back to 1.2.0: Order payload "id": new required property',
    ]);
  });

  test('FORWARD: a property added is refused where the earlier schema refuses unknown properties', async () => {
    const next = await documentUnder('FORWARD', ID, { closed: true });
    assert.deepEqual(await outcome(catalogue, next('1.1.0', `${ID}, ${NOTE}`, { closed: true })), [
      '1.0.0 forward Read from the new version back to 1.0.0: Order payload "note": property removed',
    ]);
  });

  test('FULL: both ways: an optional property added to an open schema passes, removing one does not', async () => {
    const next = await documentUnder('FULL', `${ID}, ${NOTE}`);
    assert.equal(await outcome(catalogue, next('1.1.0', `${ID}, ${NOTE}, ${EXTRA}`)), 'created');
    assert.deepEqual(await outcome(catalogue, next('1.2.0', `${ID}, ${EXTRA}`)), ['1.1.0 backward Order payload "note": property removed']);
  });

  test('BACKWARD_TRANSITIVE checks every earlier version, and a major bump needs force', async () => {
    const next = await documentUnder('NONE', `${ID}, ${NOTE}`);
    assert.equal(await outcome(catalogue, next('1.1.0', ID)), 'created', 'NONE checks nothing');
    await catalogue.setCompatibility(`compat-${documents}`, 'BACKWARD');
    const latestOnly = next('1.2.0', `${ID}, ${EXTRA}`);
    await catalogue.setCompatibility(`compat-${documents}`, 'BACKWARD_TRANSITIVE');
    assert.deepEqual(await outcome(catalogue, latestOnly), ['1.0.0 backward Order payload "note": property removed']);
    await catalogue.setCompatibility(`compat-${documents}`, 'BACKWARD');
    assert.equal(await outcome(catalogue, latestOnly), 'created', 'against the latest (1.1.0) alone it passes');

    await catalogue.setCompatibility(`compat-${documents}`, 'BACKWARD_TRANSITIVE');
    const major = next('2.0.0', EXTRA);
    const refused = await outcome(catalogue, major);
    assert.ok(Array.isArray(refused) && refused.includes('1.2.0 backward Order payload "id": property removed'), String(refused));
    await assert.rejects(
      catalogue.register(major),
      /under BACKWARD_TRANSITIVE, which checks every earlier version whatever the version bump/,
    );
    assert.equal(await outcome(catalogue, major, true), 'created', 'force registers it, recorded as forced');
  });

  test('FORWARD_TRANSITIVE and FULL_TRANSITIVE check every earlier version in their directions', async () => {
    const forward = await documentUnder('FORWARD_TRANSITIVE', `${ID}, ${NOTE}`, { closed: true });
    assert.equal(await outcome(catalogue, forward('1.1.0', ID, { closed: true })), 'created');
    assert.deepEqual(await outcome(catalogue, forward('1.2.0', `${ID}, ${EXTRA}`, { closed: true })), [
      '1.1.0 forward Read from the new version back to 1.1.0: Order payload "extra": property removed',
      '1.0.0 forward Read from the new version back to 1.0.0: Order payload "extra": property removed',
    ]);

    const full = await documentUnder('FULL_TRANSITIVE', `${ID}, ${NOTE}`);
    assert.equal(await outcome(catalogue, full('1.1.0', `${ID}, ${NOTE}, ${EXTRA}`)), 'created');
    const refused = await outcome(catalogue, full('1.2.0', ID, { required: ['id', 'note'] }));
    assert.ok(Array.isArray(refused) && refused.some((line) => line.startsWith('1.0.0 ')), `against 1.0.0 too: ${String(refused)}`);
  });

  test('NONE registers a breaking change with a minor bump; a new document follows the default', async () => {
    const next = await documentUnder('NONE', `${ID}, ${NOTE}`);
    assert.equal(await outcome(catalogue, next('1.1.0', 'other: { type: boolean }')), 'created');
    assert.deepEqual(await catalogue.getCompatibility(`compat-${documents}`), {
      slug: `compat-${documents}`,
      mode: 'NONE',
      source: 'document',
      defaultMode: 'BACKWARD',
      description: 'versions are not checked against each other',
    });
    await catalogue.setCompatibility(`compat-${documents}`, null);
    assert.equal((await catalogue.getCompatibility(`compat-${documents}`)).source, 'default');
    assert.deepEqual(await outcome(catalogue, next('1.2.0', 'other: { type: string }')), [
      '1.1.0 backward Order payload "other": type changed from boolean to string',
    ]);
  });

  test('the portal default (COMPATIBILITY) applies to documents without their own mode; changes are audited', async () => {
    const strict = createCatalogue({ db: database.prisma, validator: { validate: validateDocument }, compatibility: 'NONE' });
    assert.equal(await outcome(strict, documentOf('Compat Default', '1.0.0', `${ID}, ${NOTE}`)), 'created');
    assert.equal(await outcome(strict, documentOf('Compat Default', '1.1.0', ID)), 'created');
    await strict.setCompatibility('compat-default', 'FULL');
    await strict.setCompatibility('compat-default', 'FULL');
    const rows = await database.prisma.auditEvent.findMany({ where: { action: 'document.compatibility', target: 'compat-default' } });
    assert.deepEqual(
      rows.map((row) => row.detail),
      [{ from: null, to: 'FULL' }],
      'one row: setting the mode it has changes nothing',
    );
    await assert.rejects(strict.setCompatibility('no-such-document', 'FULL'), { name: 'NotFoundError' });
  });
});
