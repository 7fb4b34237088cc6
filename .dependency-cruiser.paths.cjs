/** Path patterns both dependency-cruiser passes use, so the two cannot drift apart. */
module.exports = {
  TEST_CODE: '^testing/|\\.test\\.tsx?$|^e2e/',
  TESTS: '\\.test\\.tsx?$',
  INTEGRATION_TESTS: '\\.integration\\.test\\.tsx?$',
  /** Browser-safe code of lib/ that components may run: zod input schemas shared by forms and handlers, and pure helpers. */
  BROWSER_SAFE_LIB: '^lib/(validations|common)/|^lib/auth/roles\\.ts$',
};
