import { readBoundedStream } from '../bounded-stream.ts';
import type { PortalOptions } from './args.ts';

/** The most of an answer read: a refusal lists diagnostics and breaking changes, never megabytes of them. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

/** The portal could not be asked: out of reach, too slow, or it answered something other than JSON. Exit 2. */
export class PortalRequestError extends Error {}

export interface PortalAnswer {
  status: number;
  /** The answer's JSON. */
  body: unknown;
}

/**
 * POSTs a document's text to the portal's `/api/documents` (with `?dryRun=true` to ask without storing), as
 * `application/json` when it is JSON and `application/yaml` otherwise, with the token as `Authorization: Bearer`.
 * The whole exchange is bounded by `portal.timeoutMs`, and the answer by `MAX_ANSWER_BYTES`.
 * @example const { status, body } = await postDocument(portal, text, { dryRun: true });
 * @throws PortalRequestError when the portal cannot be reached, does not answer in time, redirects, or answers no JSON.
 */
export async function postDocument(portal: PortalOptions, text: string, { dryRun }: { dryRun: boolean }): Promise<PortalAnswer> {
  const url = new URL(`api/documents${dryRun ? '?dryRun=true' : ''}`, portal.url);
  const headers: Record<string, string> = {
    'Content-Type': text.trimStart().startsWith('{') ? 'application/json' : 'application/yaml',
    Accept: 'application/json',
  };
  if (portal.token) headers.Authorization = `Bearer ${portal.token}`;
  const signal = AbortSignal.timeout(portal.timeoutMs);
  try {
    // Redirects are not followed: a POST would turn into a GET, and the token would go where --url did not say.
    const response = await fetch(url, { method: 'POST', headers, body: text, signal, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new PortalRequestError(
        `The portal at ${portal.url.href} redirects to ${response.headers.get('location') ?? 'elsewhere'}: pass that address as --url.`,
      );
    }
    return { status: response.status, body: parseJson(await readAnswer(response), response.status, portal.url) };
  } catch (error) {
    if (error instanceof PortalRequestError) throw error;
    throw new PortalRequestError(failure(portal, error));
  }
}

async function readAnswer(response: Response): Promise<string> {
  const tooLarge = () => new PortalRequestError(`The portal's answer is over ${MAX_ANSWER_BYTES} bytes; is --url the portal's address?`);
  return (await readBoundedStream(response.body, MAX_ANSWER_BYTES, tooLarge)).toString('utf8');
}

function parseJson(text: string, status: number, url: URL): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PortalRequestError(`${url.href} answered HTTP ${status} with something other than JSON: is --url the portal's address?`);
  }
}

function failure(portal: PortalOptions, error: unknown): string {
  const where = `the portal at ${portal.url.href}`;
  if (error instanceof Error && error.name === 'TimeoutError')
    return `No answer from ${where} within ${portal.timeoutMs / 1000} s (--timeout): it may be overloaded or out of reach.`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return `Cannot reach ${where}: ${code && !reason.includes(code) ? `${reason} (${code})` : reason}. Check --url and that the portal is running.`;
}
