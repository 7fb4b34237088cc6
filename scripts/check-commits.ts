/**
 * `npm run lint:commits`: every commit since the convention began has a subject of at most 72 characters and a
 * body that says why. Merge commits are exempt; a shallow or missing history is skipped with a note.
 */
import { spawnSync } from 'node:child_process';

/** The last commit made before the convention was checked; older subjects stay as they were written. */
const CONVENTION_BASE = 'f1db919';
const MAX_SUBJECT = 72;

function git(args: string[]): { ok: boolean; out: string } {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  return { ok: result.status === 0, out: result.stdout };
}

if (!git(['cat-file', '-e', `${CONVENTION_BASE}^{commit}`]).ok) {
  process.stdout.write(`commit messages: not checked (${CONVENTION_BASE} is not in this clone's history)\n`);
  process.exit(0);
}
const log = git(['log', '--no-merges', '--format=%h%x00%s%x00%b%x1e', `${CONVENTION_BASE}..HEAD`]);
const problems = log.out
  .split('\x1e')
  .map((entry) => entry.trim())
  .filter(Boolean)
  .flatMap((entry) => {
    const [hash = '', subject = '', body = ''] = entry.split('\x00');
    const found: string[] = [];
    if (subject.length > MAX_SUBJECT) found.push(`${hash}: the subject has ${subject.length} characters (at most ${MAX_SUBJECT})`);
    if (body.trim() === '') found.push(`${hash}: no body saying why ("${subject}")`);
    return found;
  });
if (problems.length > 0) {
  process.stderr.write(`commit messages:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('commit messages: ok\n');
