/**
 * Layer boundaries (`npm run lint:deps`). asyncapi/ is pure domain code; prisma/ stores it; lib/ runs it;
 * components/ render it and may name the lower layers' types, never run their code in the browser bundle.
 */
const { TEST_CODE, TESTS, INTEGRATION_TESTS, BROWSER_SAFE_LIB } = require('./.dependency-cruiser.paths.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules in a cycle, type-only imports included, cannot be understood or tested one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'asyncapi-is-pure',
      severity: 'error',
      comment: 'asyncapi/ is domain code: it imports nothing else of ours.',
      from: { path: '^asyncapi/' },
      to: {
        path: '^(prisma|lib|components|app|scripts|bench|e2e)/|^server\\.ts$|^node_modules/(next|react|react-dom|@prisma|prisma|ioredis|pg|socket\\.io)/',
      },
    },
    {
      name: 'prisma-only-asyncapi',
      severity: 'error',
      comment: 'prisma/ stores the domain: it imports only asyncapi/.',
      from: { path: '^prisma/' },
      to: { path: '^(lib|components|app|scripts|bench|e2e)/|^server\\.ts$' },
    },
    {
      name: 'lib-only-prisma-asyncapi',
      severity: 'error',
      comment: 'lib/ imports only prisma/ and asyncapi/.',
      from: { path: '^lib/' },
      to: { path: '^(components|app|scripts|bench|e2e)/|^server\\.ts$' },
    },
    {
      name: 'components-types-only',
      severity: 'error',
      comment: 'components/ reach lib/ and prisma/ for their types only: server code must not enter the browser bundle.',
      from: { path: '^components/' },
      to: { path: '^(lib|prisma)/', pathNot: BROWSER_SAFE_LIB, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'browser-safe-lib-stays-pure',
      severity: 'error',
      comment: 'lib/validations/ and lib/common/ run in the browser too: they import only each other, asyncapi/ and npm packages.',
      from: { path: BROWSER_SAFE_LIB, pathNot: TESTS },
      to: { path: '^(lib|prisma|components|app|scripts|bench|e2e|testing)/|^server\\.ts$', pathNot: BROWSER_SAFE_LIB },
    },
    {
      name: 'browser-safe-lib-no-node',
      severity: 'error',
      from: { path: BROWSER_SAFE_LIB, pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'components-not-app',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^(app|scripts|bench|e2e)/|^server\\.ts$' },
    },
    {
      name: 'unit-tests-need-no-services',
      severity: 'error',
      comment: 'npm run test:unit runs *.test.ts without Redis or PostgreSQL: a test that needs them is named *.integration.test.ts.',
      from: { path: TESTS, pathNot: INTEGRATION_TESTS },
      to: { path: '^testing/(redis|redis-cluster|databases|services|live|publishing)\\.ts$|^node_modules/(ioredis|pg)/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'Production code never imports test helpers or tests.',
      from: { pathNot: TEST_CODE + '|^bench/|^scripts/test(\\.ts$|/)|^playwright\\.config\\.ts$' },
      to: { path: TEST_CODE },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|prisma/generated|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
