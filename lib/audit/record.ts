import type { Prisma } from '../../prisma/generated/client.ts';
import { insertAuditEvent } from '../../prisma/store/audit.ts';
import type { AuditEntry } from './types.ts';

/** The client, or the transaction of the change being audited. */
export type AuditWriter = Pick<Prisma.TransactionClient, 'auditEvent'>;

/**
 * Appends `entry` to the audit log. Pass the transaction of the change it records (`tx`), so that the change and its
 * row commit together or not at all; pass the client only where there is no transaction to join (a sign-in).
 * @example await db.$transaction(async (tx) => { const token = await tx.apiToken.create(...); await recordAudit(tx, { ...context, action: 'token.create', target: `token:${token.id}`, detail }); });
 */
export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, { actor: entry.actor, action: entry.action, target: entry.target, detail: entry.detail, ip: entry.ip });
}
