import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as documentsRoute from '../app/api/documents/route.ts';
import { services } from '../lib/services.ts';
import { runCli } from '../testing/cli.ts';
import { signedInUser } from '../testing/identity.ts';
import type { PublishingFixture } from '../testing/publishing.ts';
import { startRouteServices } from '../testing/route-services.ts';
import { serveRoutes, type RouteServer } from '../testing/route-server.ts';

// check and register as a pipeline runs them: the CLI in a child process, over HTTP, against the real
// registration route on a real catalogue, with AUTH=required and an editor's API token.
let fixture: PublishingFixture;
let server: RouteServer;
let token: string;
let dir: string;

const orders = (version: string, properties: string): string =>
  `asyncapi: 3.0.0
info:
  title: CLI Pipeline Orders
  version: ${version}
channels:
  orderCreated:
    address: orders/created
    messages:
      OrderCreated:
        payload:
          type: object
          properties:
${properties}`;
const V1 = orders('1.0.0', '            orderId: { type: string }\n            sku: { type: string }\n');
// 1.1.0 as JSON, sent as application/json.
const V2_JSON = JSON.stringify({
  asyncapi: '3.0.0',
  info: { title: 'CLI Pipeline Orders', version: '1.1.0' },
  channels: {
    orderCreated: {
      address: 'orders/created',
      messages: {
        OrderCreated: {
          payload: { type: 'object', properties: { orderId: { type: 'string' }, sku: { type: 'string' }, note: { type: 'string' } } },
        },
      },
    },
  },
});
// Drops sku with a minor bump: breaking against 1.1.0.
const V3 = orders('1.2.0', '            orderId: { type: string }\n            note: { type: string }\n');

const BILLING = 'asyncapi: 3.0.0\ninfo: { title: CLI Pipeline Billing, version: 1.0.0 }\nchannels:\n  billed: { address: billed }\n';
const BROKEN =
  'asyncapi: 3.0.0\ninfo:\n  title: CLI Pipeline Broken\n  version: 1.0.0\nchannels:\n  x:\n    address: x\n    messages:\n      M:\n        payload:\n          type: numbr\n';

before(async () => {
  fixture = await startRouteServices('required');
  server = await serveRoutes({ '/api/documents': documentsRoute });
  const editor = await signedInUser(services().identity, 'editor');
  ({ token } = await services().identity.tokens.create(editor.actor, { name: 'ci', role: 'editor' }));
  dir = await mkdtemp(join(tmpdir(), 'event-portal-cli-portal-'));
  // Given out of order: a.yaml is the last version, b.yaml the first (b-again.yaml a copy), c.json (as JSON) the second.
  await mkdir(join(dir, 'release/nested'), { recursive: true });
  await writeFile(join(dir, 'release/a.yaml'), V3);
  await writeFile(join(dir, 'release/b.yaml'), V1);
  await writeFile(join(dir, 'release/b-again.yaml'), V1);
  await writeFile(join(dir, 'release/c.json'), V2_JSON);
  await writeFile(join(dir, 'release/billing.yml'), BILLING);
  await writeFile(join(dir, 'release/broken.yaml'), BROKEN);
  await writeFile(join(dir, 'release/README.md'), '# not a document\n');
  await writeFile(join(dir, 'release/nested/deeper.yaml'), BILLING.replace('CLI Pipeline Billing', 'CLI Pipeline Nested'));
});

after(async () => {
  await server.stop();
  await fixture.stop();
  await rm(dir, { recursive: true, force: true });
});

const titles = async (): Promise<string[]> => (await fixture.catalogue.listDocuments()).map((d) => d.title);
const portal = (): string[] => ['--url', server.url];

test('check: a new document is accepted and nothing is stored; without a token it is refused', async () => {
  const run = await runCli(['check', join(dir, 'release/b.yaml'), ...portal()], { env: { EVENT_PORTAL_TOKEN: token } });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(
    run.stdout,
    `${join(dir, 'release/b.yaml')}: accepted: the portal would register cli-pipeline-orders 1.0.0 as a new version. Nothing was stored (dry run).\n`,
  );
  assert.ok(!(await titles()).includes('CLI Pipeline Orders'), 'the dry run stored nothing');

  const anonymous = await runCli(['check', join(dir, 'release/b.yaml'), ...portal(), '--format', 'json']);
  assert.equal(anonymous.code, 1);
  const answer = JSON.parse(anonymous.stdout) as { file: string; verdict: string; httpStatus: number; answer: { error: string } };
  assert.deepEqual([answer.file, answer.verdict, answer.httpStatus], [join(dir, 'release/b.yaml'), 'refused', 401]);
  assert.match(answer.answer.error, /sign in|token/i);
});

test('register: a folder is validated, then each document registered in version order; one refused exits 1', async () => {
  const run = await runCli(['register', join(dir, 'release'), ...portal(), '--token', token]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const lines = run.stdout.split('\n');
  const rows = lines.slice(1, 7).map((line) => line.replace(dir, '<dir>').split(/ {2,}/));
  assert.deepEqual(lines[0]?.split(/ {2,}/), ['FILE', 'DOCUMENT', 'VERSION', 'OUTCOME']);
  assert.deepEqual(
    rows.map(([file, document, version, outcome]) => [file, document, version, outcome?.split(':')[0]]),
    [
      ['<dir>/release/billing.yml', 'cli-pipeline-billing', '1.0.0', 'created'],
      ['<dir>/release/b-again.yaml', 'cli-pipeline-orders', '1.0.0', 'created'],
      ['<dir>/release/b.yaml', 'cli-pipeline-orders', '1.0.0', 'unchanged'],
      ['<dir>/release/c.json', 'cli-pipeline-orders', '1.1.0', 'created'],
      ['<dir>/release/a.yaml', 'cli-pipeline-orders', '1.2.0', 'refused'],
      ['<dir>/release/broken.yaml', '-', '-', 'invalid'],
    ],
  );
  assert.match(rows[4]?.[3] ?? '', /^refused: Version 1\.2\.0 of "cli-pipeline-orders" has 1 breaking change against 1\.1\.0/);
  // Refused against 1.1.0: sent first, 1.2.0 would have been the document's first version, and stored.
  assert.match(
    run.stdout,
    /a\.yaml: refused \(HTTP 409\): Version 1\.2\.0 of "cli-pipeline-orders" has 1 breaking change against 1\.1\.0 without a major version bump \(compatibility mode BACKWARD\)\./,
  );
  assert.match(
    run.stdout,
    /\n {2}1 breaking change against 1\.1\.0:\n {2}- OrderCreated payload "sku": property removed {2}at \/channels\/orderCreated\/messages\/OrderCreated\/payload\/properties\/sku\n/,
  );
  assert.match(run.stdout, /^ {2}.*broken\.yaml:11:17: error: `channels\.x\.messages\.M\.payload\.type` must be one of/m);
  assert.match(run.stdout, /\n6 files: 3 created, 1 unchanged, 1 refused, 1 invalid\.\n$/);

  const stored = await fixture.catalogue.getDocument('cli-pipeline-orders');
  assert.deepEqual(
    stored.versions.map((v) => v.version),
    ['1.1.0', '1.0.0'],
  );
  const all = await titles();
  assert.ok(all.includes('CLI Pipeline Billing'));
  assert.ok(!all.includes('CLI Pipeline Nested'), 'subdirectories are left alone without --recursive');
  assert.ok(!all.includes('CLI Pipeline Broken'));
});

test('check: a breaking change with a minor bump is refused with the change listed, and not stored', async () => {
  const run = await runCli(['check', join(dir, 'release/a.yaml'), ...portal(), '--token', token]);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /a\.yaml: refused \(HTTP 409\): Version 1\.2\.0 of "cli-pipeline-orders" has 1 breaking change against 1\.1\.0/);
  assert.match(
    run.stdout,
    /\n {2}- OrderCreated payload "sku": property removed {2}at \/channels\/orderCreated\/messages\/OrderCreated\/payload\/properties\/sku\n$/,
  );
  const { versions } = await fixture.catalogue.getDocument('cli-pipeline-orders');
  assert.equal(versions.length, 2);
});
