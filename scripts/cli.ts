/** `npm run cli -- <command>` and the `event-portal` bin (bin/event-portal.js): see lib/cli/ and `--help`. */
import { runCli } from '../lib/cli/run.ts';

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
