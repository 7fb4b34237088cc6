import { CLIENT_ADDRESS_HEADER } from '../auth/client-address.ts';
import type { AuditActor, AuditContext } from './types.ts';

/**
 * The audit context of a request: its actor (as `requireRole` returned it) and the address server.ts stamped on it.
 * @example const context = auditContext(request, await requireRole(request, 'editor'));
 */
export function auditContext(request: Request, actor: AuditActor): AuditContext {
  return { actor: { kind: actor.kind, id: actor.id, name: actor.name }, ip: request.headers.get(CLIENT_ADDRESS_HEADER) };
}

/** The portal acting on its own at start-up (seeding the examples, registering its own API), and in scripts and tests. */
export const PORTAL_CONTEXT: AuditContext = Object.freeze({
  actor: Object.freeze({ kind: 'local', id: 'portal', name: 'portal' }),
  ip: null,
});
