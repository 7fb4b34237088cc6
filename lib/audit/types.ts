import type { Change } from '../../asyncapi/diff/types.ts';
import type { Actor } from '../auth/roles.ts';

/** Every action the audit log records, in the order the /audit page offers them. */
export const AUDIT_ACTIONS = [
  'document.register',
  'document.register.forced',
  'document.compatibility',
  'version.status',
  'event.publish',
  'event.defer',
  'token.create',
  'token.revoke',
  'user.login',
  'user.login.failed',
  'user.role',
  'user.invite',
  'user.active',
  'recording.start',
  'recording.stop',
  'recording.replay',
  'recording.replay.cancel',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted, as the log keeps it: an actor without their role (which may change later). */
export type AuditActor = Pick<Actor, 'kind' | 'id' | 'name'>;

/** Who sends a request and from where: what every audited action is recorded with. */
export interface AuditContext {
  actor: AuditActor;
  /** The client's address as server.ts stamped it; null when unknown. */
  ip: string | null;
}

// Indexed by every action, so an action added above without its detail here fails the type-check.
type Details = {
  'document.register': { version: string };
  'document.register.forced': { version: string; overriddenChanges: Change[] };
  /** A document's compatibility mode; null: the portal's default. */
  'document.compatibility': { from: string | null; to: string | null };
  'version.status': { version: string; from: string; to: string };
  'event.publish': { topic: string; bytes: number; forced: boolean };
  'event.defer': { eventId: string; bytes: number };
  'token.create': { tokenId: string; name: string; role: string; expiresAt: string | null };
  'token.revoke': { tokenId: string; name: string };
  /** `roleKept`: the role an OpenID provider claimed, not applied, and why. */
  'user.login': { email: string; roleKept?: { claimed: string; reason: string } };
  'user.login.failed': { email: string; reason: string };
  /** `source: 'oidc'` when a sign-in's claims changed it. */
  'user.role': { email: string; from: string; to: string; source?: 'oidc' };
  'user.invite': { email: string; role: string };
  'user.active': { email: string; active: boolean };
  'recording.start': { name: string; patterns: string[]; maxMessages: number; maxSeconds: number };
  /** `reason`: stopped (by a user), or the bound it reached (maxMessages, maxSeconds, maxBytes). */
  'recording.stop': { name: string; reason: string; messages: number };
  'recording.replay': { name: string; speed: string; topicPrefix: string; messages: number };
  'recording.replay.cancel': { name: string; sent: number };
};

/** The detail each action is recorded with. */
export type AuditDetails = { [A in AuditAction]: Details[A] };

/** One audited action: who, from where, what, on what (`target`, e.g. `user-accounts@1.2.0`), and its detail. */
export type AuditEntry = {
  [A in AuditAction]: AuditContext & { action: A; target: string; detail: AuditDetails[A] };
}[AuditAction];

/** Whether `value` is one of the audit log's actions. */
export function isAuditAction(value: string): value is AuditAction {
  return AUDIT_ACTIONS.some((action) => action === value);
}
