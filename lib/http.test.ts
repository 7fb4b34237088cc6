import assert from 'node:assert/strict';
import { PgliteLockedError } from '../prisma/pglite-lock.ts';
import { DeferredIdTakenError, DeferredOutcomeUnknownError } from './broker/deferred-queue.ts';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { z } from 'zod';
import {
  AuditQueryError,
  TrafficQueryError,
  BodyInvalidError,
  BodyNotJsonError,
  BreakingChangesError,
  BrokerUnavailableError,
  DatabaseUnavailableError,
  SignInUnavailableError,
  DocumentInvalidError,
  DocumentTooLargeError,
  ForeignOriginError,
  NulCharacterError,
  PayloadTooLargeError,
  PayloadViolationError,
  PublishBacklogError,
  PublishOutcomeUnknownError,
  PublishInputError,
  RoleRequiredError,
  TokenNotFoundError,
  RecordingNotFoundError,
  RecordingStateError,
  RecordingQueryError,
  TokenMintingRefusedError,
  TokenRejectedError,
  SignInRequiredError,
  PasswordChangeRequiredError,
  UnsupportedMediaTypeError,
  type PortalError,
} from './errors.ts';
import { DocumentTooComplexError, ParserUnavailableError } from '../asyncapi/parse-errors.ts';
import { EmailTakenError, UserChangeRefusedError, UserNotFoundError } from './auth/user-errors.ts';
import { errorResponse, readBodyText, readJson, type JsonBodyOptions } from './http.ts';
import {
  EquivalentVersionError,
  LatestVersionChangedError,
  NotFoundError,
  SlugTakenError,
  StoredValueError,
  VersionConflictError,
} from '../prisma/store/errors.ts';

function streamingRequest(chunks: string[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  return new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

test('reads a body as UTF-8 text', async () => {
  assert.equal(await readBodyText(streamingRequest(['asyncapi: 3.0.0\n', 'info: ü'])), 'asyncapi: 3.0.0\ninfo: ü');
});

test('refuses a body past the limit while streaming, without a content-length', async () => {
  await assert.rejects(readBodyText(streamingRequest(['12345', '67890']), 8), DocumentTooLargeError);
});

test('refuses a declared content-length over the limit before reading', async () => {
  const request = new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-length': '999999999' } });
  await assert.rejects(readBodyText(request), DocumentTooLargeError);
});

const StatusSchema = z.object({ status: z.enum(['draft', 'released'], { error: 'status must be draft or released' }) });
const jsonOptions: JsonBodyOptions = {
  limit: 64,
  tooLarge: (bytes) => new PayloadTooLargeError(`${bytes} bytes`),
  example: '{ "status": "draft" }',
};
const jsonRequest = (body: string): Request => new Request('http://x/', { method: 'POST', body });

test('reads a JSON body that matches its schema', async () => {
  assert.deepEqual(await readJson(jsonRequest('{"status":"draft"}'), StatusSchema, jsonOptions), { status: 'draft' });
});

test('a body that is not JSON is a 400 that shows what to send', async () => {
  const error = await readJson(jsonRequest('status=draft'), StatusSchema, jsonOptions).catch((e: unknown) => e);
  assert.ok(error instanceof BodyNotJsonError);
  const response = errorResponse(error);
  assert.equal(response.status, 400);
  assert.deepEqual(await response.json(), { error: 'The body is not JSON: send { "status": "draft" }.' });
});

test("a body that breaks its schema is a 422 with each issue's path", async () => {
  const error = await readJson(jsonRequest('{"status":"gone"}'), StatusSchema, jsonOptions).catch((e: unknown) => e);
  assert.ok(error instanceof BodyInvalidError);
  const response = errorResponse(error);
  assert.equal(response.status, 422);
  const issues = [{ path: 'status', message: 'status must be draft or released' }];
  assert.deepEqual(await response.json(), { error: 'status must be draft or released', issues });
});

test("a JSON body over its limit is refused with the endpoint's error", async () => {
  await assert.rejects(readJson(jsonRequest(JSON.stringify({ status: 'x'.repeat(100) })), StatusSchema, jsonOptions), PayloadTooLargeError);
});

type Sample<E extends PortalError> = { error: E; status: number; details: string[] };
const change = {
  type: 'breaking',
  kind: 'remove',
  path: '/channels/a',
  description: 'Removed channels › a',
  against: '1.0.0',
  direction: 'backward',
} as const;
const diagnostic = { severity: 'error', message: 'm', path: 'info', line: 2, column: 1 } as const;

/** One of each portal error with the status and body keys the README documents: a new error without a sample is a type error. */
const SAMPLES: { [N in PortalError['name']]: Sample<Extract<PortalError, { name: N }>> } = {
  DocumentInvalidError: { error: new DocumentInvalidError('bad', [diagnostic]), status: 422, details: ['diagnostics'] },
  DocumentTooLargeError: { error: new DocumentTooLargeError(6e6), status: 413, details: [] },
  VersionConflictError: { error: new VersionConflictError('a', '1.0.0'), status: 409, details: ['slug', 'version'] },
  EquivalentVersionError: {
    error: new EquivalentVersionError('a', '1.0.0+build', '1.0.0'),
    status: 409,
    details: ['slug', 'version', 'existingVersion'],
  },
  BreakingChangesError: {
    error: new BreakingChangesError('a', '1.1.0', '1.0.0', [change]),
    status: 409,
    details: ['slug', 'version', 'latestVersion', 'mode', 'breakingChanges'],
  },
  LatestVersionChangedError: {
    error: new LatestVersionChangedError('a', '1.0.0', '1.1.0'),
    status: 409,
    details: ['slug', 'latestVersion'],
  },
  SlugTakenError: { error: new SlugTakenError('doc-1', 'A & B', 'A and B'), status: 409, details: ['slug', 'title', 'existingTitle'] },
  NotFoundError: { error: new NotFoundError('Document "a"'), status: 404, details: [] },
  PublishInputError: { error: new PublishInputError('topic is empty'), status: 400, details: [] },
  PayloadTooLargeError: { error: new PayloadTooLargeError('too big'), status: 413, details: [] },
  PayloadViolationError: { error: new PayloadViolationError('bad', [{ path: '', message: 'm' }]), status: 422, details: ['errors'] },
  BrokerUnavailableError: { error: new BrokerUnavailableError('ECONNREFUSED'), status: 503, details: [] },
  DatabaseUnavailableError: {
    error: new DatabaseUnavailableError(new Error('connect ECONNREFUSED 10.0.0.5:5432')),
    status: 503,
    details: [],
  },
  SignInUnavailableError: { error: new SignInUnavailableError(new Error('connect ECONNREFUSED 10.0.0.5:6379')), status: 503, details: [] },
  NulCharacterError: { error: new NulCharacterError('The search term'), status: 400, details: [] },
  ParserUnavailableError: { error: new ParserUnavailableError('The document parser crashed'), status: 503, details: [] },
  DocumentTooComplexError: { error: new DocumentTooComplexError('Validating this document took over 60 s'), status: 422, details: [] },
  ForeignOriginError: { error: new ForeignOriginError('https://evil.example'), status: 403, details: [] },
  UnsupportedMediaTypeError: {
    error: new UnsupportedMediaTypeError('text/plain', ['application/json']),
    status: 415,
    details: ['accepted'],
  },
  BodyNotJsonError: { error: new BodyNotJsonError('The body is not JSON'), status: 400, details: [] },
  BodyInvalidError: { error: new BodyInvalidError([{ path: 'status', message: 'status is required' }]), status: 422, details: ['issues'] },
  SignInRequiredError: { error: new SignInRequiredError(), status: 401, details: [] },
  RoleRequiredError: { error: new RoleRequiredError('admin', 'editor'), status: 403, details: ['required'] },
  PasswordChangeRequiredError: { error: new PasswordChangeRequiredError(), status: 403, details: ['reason', 'changeAt'] },
  TokenRejectedError: { error: new TokenRejectedError('revoked'), status: 401, details: ['reason'] },
  TokenNotFoundError: { error: new TokenNotFoundError('x'), status: 404, details: ['id'] },
  RecordingNotFoundError: { error: new RecordingNotFoundError('r-1'), status: 404, details: ['id'] },
  RecordingStateError: { error: new RecordingStateError('still recording', 'recording'), status: 409, details: ['state'] },
  RecordingQueryError: { error: new RecordingQueryError('format must be ndjson or json', 'format'), status: 400, details: ['parameter'] },
  TokenMintingRefusedError: { error: new TokenMintingRefusedError(), status: 403, details: [] },
  EmailTakenError: { error: new EmailTakenError('ed@example.com'), status: 409, details: ['email'] },
  UserNotFoundError: { error: new UserNotFoundError('the id u-1'), status: 404, details: [] },
  UserChangeRefusedError: { error: new UserChangeRefusedError('the last admin'), status: 409, details: [] },
  AuditQueryError: { error: new AuditQueryError('limit', 'limit must be 1 to 1000'), status: 400, details: ['parameter'] },
  TrafficQueryError: { error: new TrafficQueryError('status', 'status must be one of violates, …'), status: 400, details: ['parameter'] },
  DeferredIdTakenError: { error: new DeferredIdTakenError('1-0'), status: 503, details: [] },
  PublishBacklogError: { error: new PublishBacklogError(1024), status: 503, details: [] },
  PublishOutcomeUnknownError: { error: new PublishOutcomeUnknownError(3_000, 'orders'), status: 503, details: ['topic'] },
  DeferredOutcomeUnknownError: { error: new DeferredOutcomeUnknownError('1-0'), status: 503, details: ['eventId'] },
  PgliteLockedError: { error: new PgliteLockedError('.data/pglite', 'process 7 on host'), status: 503, details: [] },
  StoredValueError: { error: new StoredValueError('Channel.parameters', 'an array', 'a string'), status: 500, details: [] },
};

const INTERNAL = 'The portal failed to handle this request; the server log has the details.';

/** The answer to `error`, with the server log it writes kept out of the test output. */
function quietResponse(error: unknown): Response {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = () => true;
  try {
    return errorResponse(error);
  } finally {
    process.stderr.write = original;
  }
}

test('every portal error is answered with its documented status, its message and its details', async () => {
  for (const [name, { error, status, details }] of Object.entries(SAMPLES)) {
    const response = quietResponse(error);
    assert.equal(response.status, status, name);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['error', ...details], name);
    assert.equal(body.error, status === 500 ? INTERNAL : error.message, name);
  }
});

test('every typed error class in the source is in the error map, so none becomes a 500', async () => {
  const root = new URL('../', import.meta.url);
  const names = new Set<string>();
  for (const folder of ['lib', 'prisma', 'asyncapi']) {
    for (const file of await readdir(new URL(`${folder}/`, root), { recursive: true })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.startsWith('generated')) continue;
      const source = await readFile(new URL(`${folder}/${file}`, root), 'utf8');
      for (const [, name] of source.matchAll(/readonly name = '(\w+)'/g)) names.add(name!);
    }
  }
  assert.ok(names.size >= Object.keys(SAMPLES).length, [...names].join(', '));
  for (const name of names) assert.ok(Object.hasOwn(SAMPLES, name), `${name} has no sample here, and maybe no answer in lib/http.ts`);
});

test('breaking changes are a 409 that lists them', async () => {
  const response = errorResponse(new BreakingChangesError('a', '1.1.0', '1.0.0', [change]));
  assert.equal(response.status, 409);
  const body = (await response.json()) as { error: string; latestVersion: string; breakingChanges: unknown[] };
  assert.match(body.error, /1 breaking change against 1\.0\.0/);
  assert.deepEqual([body.latestVersion, body.breakingChanges], ['1.0.0', [change]]);
});

test('a slug taken by another title is a 409 that names both titles', async () => {
  const response = errorResponse(new SlugTakenError('doc-1', 'Orders & Co', 'Orders and Co'));
  assert.equal(response.status, 409);
  const body = (await response.json()) as { error: string; slug: string; title: string; existingTitle: string };
  assert.deepEqual([body.slug, body.title, body.existingTitle], ['doc-1', 'Orders & Co', 'Orders and Co']);
  assert.match(body.error, /"Orders & Co" .* already belongs to the document "Orders and Co"/);
});

test('an error from another copy of the class is still recognised by name', () => {
  const foreign = Object.assign(new Error('gone'), { name: 'NotFoundError' });
  assert.equal(errorResponse(foreign).status, 404);
});

test('an unexpected error is a 500 that does not leak its message', async () => {
  const response = quietResponse(new Error('secret internals'));
  assert.equal(response.status, 500);
  assert.deepEqual(await response.json(), { error: INTERNAL });
});

test('an outcome in doubt is a 503 without Retry-After: sending again may deliver or queue it twice', async () => {
  for (const error of [new PublishOutcomeUnknownError(3_000, 'orders'), new DeferredOutcomeUnknownError('1-0')]) {
    const response = errorResponse(error);
    assert.equal(response.status, 503, error.name);
    assert.equal(response.headers.get('retry-after'), null, error.name);
  }
  const { error } = (await errorResponse(new PublishOutcomeUnknownError(3_000)).json()) as { error: string };
  assert.match(error, /^The broker \(Redis\) did not confirm the publish within 3 s; it may have been delivered/);
});

test("a driver's error for an unreachable database is a 503 to retry that names no host", async () => {
  const driverError = Object.assign(new Error("Can't reach database server at 10.0.0.5:5432"), { code: 'P1001' });
  const response = quietResponse(driverError);
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), '5');
  assert.deepEqual(await response.json(), { error: 'The catalogue database is unavailable; try again shortly.' });
});

test('sign-in while Redis is out of reach is a 503 to retry that says why and names no host', async () => {
  const response = quietResponse(new SignInUnavailableError(new Error('connect ECONNREFUSED 10.0.0.5:6379')));
  assert.equal(response.status, 503);
  assert.equal(response.headers.get('retry-after'), '5');
  const { error } = (await response.json()) as { error: string };
  assert.match(error, /^Sign-in is unavailable: the portal counts failed sign-ins in Redis, which it cannot reach/);
  assert.doesNotMatch(error, /10\.0\.0\.5/);
});
