import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MAX_DOCUMENT_BYTES } from '../../asyncapi/limits.ts';
import { readDocumentFile } from './read-file.ts';

let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), 'event-portal-read-'))));
after(() => rm(dir, { recursive: true, force: true }));

async function refusal(path: string): Promise<{ error: string; line: number | null }> {
  const read = await readDocumentFile(path);
  assert.ok(!read.readable, `${path} was read`);
  assert.equal(read.diagnostics[0]?.severity, 'error');
  return { error: read.error, line: read.diagnostics[0]?.line ?? null };
}

test('a UTF-8 file is read as it is', async () => {
  await writeFile(join(dir, 'ok.yaml'), 'asyncapi: 3.0.0\ninfo: { title: Café, version: 1.0.0 }\n');
  assert.deepEqual(await readDocumentFile(join(dir, 'ok.yaml')), {
    readable: true,
    text: 'asyncapi: 3.0.0\ninfo: { title: Café, version: 1.0.0 }\n',
  });
});

test('a missing file and a directory are refused with a sentence', async () => {
  assert.deepEqual(await refusal(join(dir, 'missing.yaml')), { error: `${join(dir, 'missing.yaml')} does not exist.`, line: null });
  await mkdir(join(dir, 'folder'));
  assert.match((await refusal(join(dir, 'folder'))).error, /folder is a directory: name the files in it/);
});

test('a file over the portal limit is refused from its size, without reading it', async () => {
  const path = join(dir, 'huge.yaml');
  await writeFile(path, '');
  await truncate(path, MAX_DOCUMENT_BYTES + 1);
  assert.match(
    (await refusal(path)).error,
    new RegExp(`is ${MAX_DOCUMENT_BYTES + 1} bytes; the portal takes documents of at most ${MAX_DOCUMENT_BYTES} bytes`),
  );
  await truncate(path, MAX_DOCUMENT_BYTES);
  const atLimit = await readDocumentFile(path);
  assert.ok(!atLimit.readable && /NUL character/.test(atLimit.error), 'exactly the limit is read (and then refused for its NULs)');
});

test('bytes that are not UTF-8, and a NUL, are refused at their line as the portal refuses them', async () => {
  const path = join(dir, 'latin1.yaml');
  await writeFile(path, Buffer.concat([Buffer.from('asyncapi: 3.0.0\ninfo:\n  title: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  const latin1 = await refusal(path);
  assert.match(latin1.error, /not valid UTF-8 at byte 34 \(line 3, column 13\)/);
  assert.equal(latin1.line, 3);
  await writeFile(path, 'asyncapi: 3.0.0\n\u0000');
  assert.equal((await refusal(path)).line, 2);
});
