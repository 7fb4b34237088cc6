/**
 * Prisma's codes for a server it cannot reach, that timed out, or that closed the connection; P2028, a transaction
 * that could not start in time, is one too busy to answer.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024', 'P2028']);

/** The driver adapter's kinds for a connection that could not be made or was lost (`@prisma/driver-adapter-utils`). */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);

/** SQLSTATEs of a server going away: class 08 connection exception, 53 out of resources, 57P0x shutting down or starting. */
const SQLSTATE = /^(08|53|57P0[1-3])/;

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** What pg, its pool and PGlite say when the connection is gone; they give no code the adapter maps. */
const MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Can't reach database server|^PGlite is closed$/;

/**
 * Whether `error` says the catalogue database cannot be reached now (refused, dropped, timed out, shut
 * down, closed) rather than that a query was wrong: the request may be retried once the database is back.
 * Reads Prisma's error codes, the driver adapter's error kind and SQLSTATE, and the socket errors and
 * messages of pg and PGlite, down the `cause` chain.
 * @example if (isDatabaseUnreachable(error)) throw new DatabaseUnavailableError(error);
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (saysUnreachable(current)) return true;
    current = current.cause;
  }
  return false;
}

function saysUnreachable(error: Error): boolean {
  const code = property(error, 'code');
  if (typeof code === 'string' && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code))) return true;
  if (MESSAGES.test(error.message)) return true;
  const adapterCause = property(property(property(error, 'meta'), 'driverAdapterError'), 'cause');
  const kind = property(adapterCause, 'kind');
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  const sqlState = property(adapterCause, 'code');
  return kind === 'postgres' && typeof sqlState === 'string' && SQLSTATE.test(sqlState);
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}
