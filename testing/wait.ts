/**
 * Resolves once `check` holds, polling every 20 ms; rejects naming `what` after `timeoutMs`, so a wait that
 * never ends fails the test with a reason instead of hanging it.
 * @example await waitUntil(async () => (await patternCount()) === 1, 'the PSUBSCRIBE');
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
