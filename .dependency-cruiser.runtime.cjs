/**
 * What code reaches at run time (`npm run lint:deps`, second pass): type-only imports are erased by the compiler,
 * so they are left out here, and each rule follows imports through every module in between.
 */
const base = require('./.dependency-cruiser.cjs');

const { TESTS, INTEGRATION_TESTS, BROWSER_SAFE_LIB } = require('./.dependency-cruiser.paths.cjs');
const NODE_BUILTINS = '^(node:)?(crypto|fs|path|worker_threads|child_process|net|os|http|https|stream|zlib|url|util)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'unit-tests-reach-no-services',
      severity: 'error',
      comment: 'A unit test opens no Redis or database connection, not even through what it imports: name it *.integration.test.ts.',
      from: { path: TESTS, pathNot: INTEGRATION_TESTS },
      to: { path: '^lib/broker/redis\\.ts$|^prisma/db\\.ts$', reachable: true },
    },
    {
      name: 'browser-code-reaches-no-node',
      severity: 'error',
      comment: 'Client code (components/ and the browser-safe lib/) must not pull in Node built-ins through what it imports.',
      from: { path: '^components/|' + BROWSER_SAFE_LIB, pathNot: TESTS },
      to: { path: NODE_BUILTINS, reachable: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};
