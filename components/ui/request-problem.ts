/** What a refused request says, in the words of its answer: the error, and each issue when the body was refused. */
export async function problemOf(response: Response, what: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: unknown; issues?: { message?: unknown }[] } | null;
  const issues = (body?.issues ?? []).map((issue) => issue.message).filter((m): m is string => typeof m === 'string');
  if (issues.length > 0) return issues.join('; ');
  return typeof body?.error === 'string' ? body.error : `${what} failed (HTTP ${response.status}).`;
}

/** What to say when the portal did not answer at all. */
export function unreachable(error: unknown, what: string): string {
  return `The portal could not be reached (${error instanceof Error ? error.message : String(error)}); ${what}.`;
}
