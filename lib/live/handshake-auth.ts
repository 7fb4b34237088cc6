import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from '../auth/identity.ts';
import { LOCAL_ACTOR } from '../auth/roles.ts';
import { bearerToken } from '../auth/token-text.ts';
import { isPortalError } from '../errors.ts';
import { oneAtATime } from '../common/one-at-a-time.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import type { LiveSocketData } from './events.ts';
import type { LiveServer, LiveSocket } from './hub.ts';
import { disconnectRevoked, holderRooms } from './revocation-rooms.ts';

/** The `connect_error` message of every refused handshake; `error.data.reason` says more. */
export const UNAUTHORIZED = 'unauthorized';

/** setTimeout's longest delay (about 24.8 days); a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the guard needs of the portal's identity. */
export type HandshakeIdentity = Pick<Identity, 'mode' | 'session' | 'tokens' | 'revocations'>;

/**
 * Lets a socket in only with credentials in AUTH=required: an API token (`auth: { token }` or an
 * `Authorization: Bearer` header) or the session cookie; else `connect_error` "unauthorized". Every role may
 * tail; AUTH_ANONYMOUS_READ does not open it (it shows production payloads). The holder is kept on
 * `socket.data`; a revoked token's or deactivated user's sockets are disconnected at once, a token's also at its
 * expiry. In AUTH=local everyone is `local`. Register it before the hub, so no refused socket reaches it.
 * @example const guard = authenticateHandshake(io, identity); … guard.stop();
 */
export function authenticateHandshake(io: LiveServer, identity: HandshakeIdentity): { stop(): void; recheck(): Promise<number> } {
  io.use((socket, next) => {
    holderOf(socket.handshake, identity).then(
      (holder) => {
        if ('refused' in holder) return next(refusal(holder.refused));
        Object.assign(socket.data, holder);
        next();
      },
      (error: unknown) => {
        if (isPortalError(error, 'TokenRejectedError')) return next(refusal(error.reason));
        log.error('checking a live handshake failed', error);
        next(refusal('unavailable'));
      },
    );
  });
  io.on('connection', (socket) => {
    void socket.join(holderRooms(socket.data));
    const { expiresAt } = socket.data;
    const cancel = expiresAt ? at(expiresAt, () => socket.disconnect(true)) : () => {};
    socket.once('disconnect', cancel);
  });
  const unsubscribe = identity.revocations.subscribe((revocation) => disconnectRevoked(io, revocation));
  // A connection that flaps asks again and again: one walk at a time, and at most one more waiting behind it.
  const serial = oneAtATime();
  let queued: Promise<number> | null = null;
  const recheck = (): Promise<number> => {
    queued ??= serial(() => {
      queued = null;
      return recheckHolders(io, identity);
    });
    return queued;
  };
  return { stop: unsubscribe, recheck };
}

const logRecheckFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);

/**
 * Checks the credentials of every socket on this instance again, as at its handshake, and disconnects those no longer
 * let in: after this instance's adapter connection was lost, revocations sent meanwhile by other instances never
 * reached it. One at a time, so a reconnect does not send a burst of queries. Resolves with how many were closed.
 * @example afterReconnect(adapterSub, () => void guard.recheck());
 */
async function recheckHolders(io: LiveServer, identity: HandshakeIdentity): Promise<number> {
  if (identity.mode === 'local') return 0;
  let closed = 0;
  for (const socket of [...io.of('/').sockets.values()]) {
    if (!socket.connected) continue;
    let letIn: boolean;
    try {
      const holder = await holderOf(socket.handshake, identity);
      letIn = !('refused' in holder) && holder.userId === socket.data.userId;
    } catch (error) {
      if (!isPortalError(error, 'TokenRejectedError')) {
        logRecheckFailure('checking a live socket again after a reconnect failed; it stays open', error);
        continue;
      }
      letIn = false;
    }
    if (letIn) continue;
    socket.disconnect(true);
    closed += 1;
  }
  return closed;
}

/** Who holds a socket, or why it is refused. */
type Holder = LiveSocketData | { refused: 'no-credentials' | 'password-change-required' };

async function holderOf(handshake: LiveSocket['handshake'], identity: HandshakeIdentity): Promise<Holder> {
  if (identity.mode === 'local') return { actor: LOCAL_ACTOR, userId: null, sessionId: null, expiresAt: null };
  const headers = toHeaders(handshake.headers);
  const given: unknown = (handshake.auth as Record<string, unknown>).token;
  const token = typeof given === 'string' ? given : bearerToken(headers);
  if (token !== null) {
    const verified = await identity.tokens.verify(token);
    return { actor: verified.actor, userId: verified.ownerId, sessionId: null, expiresAt: verified.expiresAt };
  }
  const session = await identity.session(headers);
  if (!session) return { refused: 'no-credentials' };
  // Someone still on an admin's one-time password may only choose their own, as everywhere else.
  if (session.mustChangePassword) return { refused: 'password-change-required' };
  return { actor: session.actor, userId: session.actor.id, sessionId: session.sessionId, expiresAt: session.expiresAt };
}

function refusal(reason: string): Error {
  return Object.assign(new Error(UNAUTHORIZED), { data: { reason } });
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const one of [value].flat()) headers.append(name, one);
  }
  return headers;
}

/** Calls `run` at `when` (on the next turn when past), however far ahead; returns the function that cancels it. */
function at(when: Date, run: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const wait = when.getTime() - Date.now();
    timer = setTimeout(wait > MAX_TIMER_MS ? arm : run, Math.max(0, Math.min(wait, MAX_TIMER_MS)));
  };
  arm();
  return () => clearTimeout(timer);
}
