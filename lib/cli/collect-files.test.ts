import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { collectDocumentFiles, FileCollectionError, MAX_FILES } from './collect-files.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-portal-collect-'));
  await mkdir(join(dir, 'docs/nested/deeper'), { recursive: true });
  await mkdir(join(dir, 'docs/.git'));
  await mkdir(join(dir, 'empty'));
  for (const name of [
    'docs/b.yaml',
    'docs/a.JSON',
    'docs/c.yml',
    'docs/README.md',
    'docs/.hidden.yaml',
    'docs/.git/x.yaml',
    'docs/nested/n.yaml',
    'docs/nested/deeper/d.json',
    'notes.txt',
  ])
    await writeFile(join(dir, name), '');
  await symlink(join(dir, 'notes.txt'), join(dir, 'docs/linked.yaml'));
  await symlink(join(dir, 'docs/nested'), join(dir, 'docs/loop'));
});
after(() => rm(dir, { recursive: true, force: true }));

const relative = (files: string[]): string[] => files.map((file) => file.slice(dir.length + 1));

test('a directory gives its .yaml, .yml and .json files by name, not hidden ones, not its subdirectories', async () => {
  assert.deepEqual(relative(await collectDocumentFiles([join(dir, 'docs')], { recursive: false })), [
    'docs/a.JSON',
    'docs/b.yaml',
    'docs/c.yml',
    'docs/linked.yaml',
  ]);
});

test('--recursive adds the subdirectories, without following links to directories', async () => {
  assert.deepEqual(relative(await collectDocumentFiles([join(dir, 'docs')], { recursive: true })), [
    'docs/a.JSON',
    'docs/b.yaml',
    'docs/c.yml',
    'docs/linked.yaml',
    'docs/nested/n.yaml',
    'docs/nested/deeper/d.json',
  ]);
});

test('files are taken as given, whatever their name, once each', async () => {
  const notes = join(dir, 'notes.txt');
  assert.deepEqual(
    relative(
      await collectDocumentFiles([notes, join(dir, 'docs/b.yaml'), `${dir}/docs/../notes.txt`, join(dir, 'missing.yaml')], {
        recursive: false,
      }),
    ),
    ['notes.txt', 'docs/b.yaml', 'missing.yaml'],
  );
});

test('a directory without documents, and too many files, are refused', async () => {
  await assert.rejects(collectDocumentFiles([join(dir, 'empty')], { recursive: false }), (error: unknown) => {
    return (
      error instanceof FileCollectionError &&
      /empty holds no \.yaml, \.yml or \.json file \(--recursive looks in its subdirectories\)/.test(error.message)
    );
  });
  const many = join(dir, 'many');
  await mkdir(many);
  await Promise.all(Array.from({ length: MAX_FILES + 1 }, (_, i) => writeFile(join(many, `${i}.yaml`), '')));
  await assert.rejects(
    collectDocumentFiles([many], { recursive: false }),
    /over 1000 document files to register: register them in several runs/,
  );
});
