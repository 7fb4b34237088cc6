import { z } from 'zod';
import type { Change } from '../../asyncapi/diff/types.ts';
import type { Diagnostic } from '../../asyncapi/types.ts';
import type { PortalAnswer } from './portal-client.ts';

const DiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string(),
  path: z.string().catch(''),
  line: z.number().int().nullable().catch(null),
  column: z.number().int().nullable().catch(null),
}) satisfies z.ZodType<Diagnostic>;

const ChangeSchema = z.object({
  type: z.enum(['breaking', 'non-breaking', 'unclassified']),
  kind: z.enum(['add', 'remove', 'edit']),
  path: z.string(),
  description: z.string(),
}) satisfies z.ZodType<Change>;

/** `200`/`201 { status, slug, version, forced, warnings }`: registered, or (a dry run) it would be. */
const AcceptedSchema = z.object({
  status: z.enum(['created', 'unchanged']),
  slug: z.string(),
  version: z.string(),
  forced: z.boolean().catch(false),
  warnings: z.array(DiagnosticSchema).catch([]),
  dryRun: z.literal(true).optional(),
});

/** A 4xx `{ error, … }`: with `breakingChanges` and `latestVersion` (409 governance) or `diagnostics` (422). */
const RefusalSchema = z.object({
  error: z.string(),
  latestVersion: z.string().optional().catch(undefined),
  breakingChanges: z.array(ChangeSchema).catch([]),
  diagnostics: z.array(DiagnosticSchema).catch([]),
});

// What the portal answers when it says no to this document or this caller; any other 4xx means --url is wrong.
const REFUSALS = new Set([400, 401, 403, 409, 413, 415, 422]);

export type PortalVerdict =
  | ({ kind: 'accepted'; httpStatus: number } & z.infer<typeof AcceptedSchema>)
  | ({ kind: 'refused'; httpStatus: number } & z.infer<typeof RefusalSchema>)
  | { kind: 'failed'; httpStatus: number; error: string };

/**
 * What the portal's answer to a registration (or dry run) means: accepted, refused (exit 1), or no verdict at all
 * (a 5xx, a 404 from something that is not the portal, a shape it never answers: exit 2).
 * @example interpretAnswer({ status: 409, body: { error: 'Version 1.1.0 …', breakingChanges: [...] } }).kind // 'refused'
 */
export function interpretAnswer({ status, body }: PortalAnswer): PortalVerdict {
  if (status === 200 || status === 201) {
    const accepted = AcceptedSchema.safeParse(body);
    if (accepted.success) return { kind: 'accepted', httpStatus: status, ...accepted.data };
    return {
      kind: 'failed',
      httpStatus: status,
      error: `The portal answered HTTP ${status} without a registration outcome: is --url the portal's address?`,
    };
  }
  const refusal = RefusalSchema.safeParse(body);
  const error = refusal.success ? refusal.data.error : `HTTP ${status}`;
  if (REFUSALS.has(status) && refusal.success) return { kind: 'refused', httpStatus: status, ...refusal.data };
  if (status === 404 || status === 405) return { kind: 'failed', httpStatus: status, error: `${error}: is --url the portal's address?` };
  return { kind: 'failed', httpStatus: status, error: status >= 500 ? `The portal failed: ${error}` : `The portal answered ${error}` };
}
