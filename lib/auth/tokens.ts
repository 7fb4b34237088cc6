import { recordAudit } from '../audit/record.ts';
import { randomUUID } from 'node:crypto';
import type { StoreClient } from '../../prisma/db.ts';
import type { Prisma } from '../../prisma/generated/client.ts';
import { RoleRequiredError, TokenMintingRefusedError, TokenNotFoundError, TokenRejectedError } from '../errors.ts';
import type { Revocations } from './revocations.ts';
import { hasRole, lowerRole, parseRole, type Actor, type Role } from './roles.ts';
import type { CreateTokenInput } from './token-input.ts';
import { displayPrefix, hashTokenText, isTokenText, newTokenText } from './token-text.ts';

/** A token as lists show it: never its text or hash. */
export interface ApiTokenListing {
  id: string;
  name: string;
  role: Role;
  /** The start of its text, e.g. `ept_AbCd`. */
  prefix: string;
  createdBy: { kind: Actor['kind']; id: string; name: string };
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** A token just made: the only time its text is seen. */
export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  token: string;
  expiresAt: Date | null;
}

/** A token that may act: its actor, the user it acts for (null when made by `local`) and when it expires. */
export interface VerifiedToken {
  actor: Actor;
  ownerId: string | null;
  expiresAt: Date | null;
}

/** API tokens as the routes, pages and the live handshake use them (`services().identity.tokens`). */
export interface ApiTokens {
  /** Makes a token of at most `actor`'s role; throws `RoleRequiredError` (403) above it. */
  /** Makes a token and its `token.create` audit row in one transaction; `ip` is the caller's address, for the row. */
  create(actor: Actor, input: CreateTokenInput, ip?: string | null): Promise<CreatedToken>;
  /** Every token for an admin, else the actor's own, newest first. */
  list(actor: Actor): Promise<ApiTokenListing[]>;
  /** Revokes a token the actor may list (`TokenNotFoundError` otherwise) and ends its live sockets. */
  revoke(actor: Actor, id: string, ip?: string | null): Promise<ApiTokenListing>;
  /** The token of `text`, or `TokenRejectedError` (401) saying why not. */
  verify(text: string): Promise<VerifiedToken>;
}

export interface ApiTokenOptions {
  db: StoreClient;
  revocations: Revocations;
  /** AUTH=required: refuse tokens no user owns (made under AUTH=local), which no deactivation could end. */
  refuseOwnerless?: boolean;
  now?: () => Date;
}

/** A token records its last use at most this often, so verifying a request is not a write. */
export const LAST_USED_PRECISION_MS = 60_000;
const DAY_MS = 86_400_000;
/** The most tokens a list answers, newest first. */
export const MAX_LISTED_TOKENS = 1000;
/** Ids are UUIDs: a longer one names no token, and is not sent to the database. */
const MAX_ID_LENGTH = 64;

type Tx = Prisma.TransactionClient;
type TokenRow = Prisma.ApiTokenGetPayload<object>;

/**
 * The portal's API tokens on `db`; revoking one publishes `{ tokenId }` on `revocations`.
 * @example const tokens = createApiTokens({ db, revocations }); const { token } = await tokens.create(actor, { name: 'ci', role: 'editor' });
 */
export function createApiTokens({ db, revocations, refuseOwnerless = false, now = () => new Date() }: ApiTokenOptions): ApiTokens {
  return {
    // The audit entry of each change belongs in the same transaction as the change.
    create: (actor, input, ip = null) =>
      db.$transaction(async (tx) => {
        const created = await createToken(tx, actor, input, now());
        const detail = { tokenId: created.id, name: created.name, role: created.role, expiresAt: created.expiresAt?.toISOString() ?? null };
        await recordAudit(tx, { actor, ip, action: 'token.create', target: `token:${created.id}`, detail });
        return created;
      }),
    async list(actor) {
      const rows = await db.apiToken.findMany({
        where: await visibleTo(db, actor),
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: MAX_LISTED_TOKENS,
      });
      return rows.map(toListing);
    },
    async revoke(actor, id, ip = null) {
      const revoked = await db.$transaction(async (tx) => {
        const { listing, changed } = await revokeToken(tx, actor, id, now());
        // Revoking again keeps the first time and changes nothing: only the revocation itself is a row.
        if (changed) {
          const detail = { tokenId: listing.id, name: listing.name };
          await recordAudit(tx, { actor, ip, action: 'token.revoke', target: `token:${listing.id}`, detail });
        }
        return listing;
      });
      revocations.publish({ tokenId: revoked.id });
      return revoked;
    },
    verify: (text) => verifyToken(db, text, now(), refuseOwnerless),
  };
}

/**
 * Inserts a new token made by `actor` in `tx`, its text hashed; the caller commits it.
 * @example await db.$transaction((tx) => createToken(tx, actor, { name: 'ci', role: 'viewer' }, new Date()));
 */
export async function createToken(tx: Tx, actor: Actor, input: CreateTokenInput, at: Date): Promise<CreatedToken> {
  if (actor.kind === 'token') throw new TokenMintingRefusedError();
  if (!hasRole(actor.role, input.role)) throw new RoleRequiredError(input.role, actor.role);
  const token = newTokenText();
  const row = await tx.apiToken.create({
    data: {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      tokenHash: hashTokenText(token),
      prefix: displayPrefix(token),
      ownerId: await ownerOf(tx, actor),
      createdById: actor.id,
      createdByName: actor.name,
      createdByKind: actor.kind,
      createdAt: at,
      expiresAt: input.expiresInDays === undefined ? null : new Date(at.getTime() + input.expiresInDays * DAY_MS),
    },
  });
  return { id: row.id, name: row.name, role: parseRole(row.role), token, expiresAt: row.expiresAt };
}

/**
 * Marks a token `actor` may list revoked in `tx` (a token revoked before keeps its first time, and `changed` is false);
 * throws `TokenNotFoundError` for one it may not.
 * @example await db.$transaction((tx) => revokeToken(tx, actor, id, new Date()));
 */
export async function revokeToken(tx: Tx, actor: Actor, id: string, at: Date): Promise<{ listing: ApiTokenListing; changed: boolean }> {
  if (id.length > MAX_ID_LENGTH) throw new TokenNotFoundError(id.slice(0, MAX_ID_LENGTH));
  const where = { AND: [{ id }, await visibleTo(tx, actor)] };
  const { count } = await tx.apiToken.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: at } });
  const row = await tx.apiToken.findFirst({ where });
  if (!row) throw new TokenNotFoundError(id);
  return { listing: toListing(row), changed: count > 0 };
}

async function verifyToken(db: StoreClient, text: string, at: Date, refuseOwnerless: boolean): Promise<VerifiedToken> {
  if (!isTokenText(text)) throw new TokenRejectedError('malformed');
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashTokenText(text) },
    include: { owner: { select: { banned: true, role: true } } },
  });
  if (!row) throw new TokenRejectedError('unknown');
  if (row.revokedAt) throw new TokenRejectedError('revoked');
  if (row.expiresAt && row.expiresAt <= at) throw new TokenRejectedError('expired');
  if (row.owner?.banned) throw new TokenRejectedError('owner-deactivated');
  if (refuseOwnerless && !row.ownerId) throw new TokenRejectedError('ownerless');
  const role = row.owner ? lowerRole(parseRole(row.role), parseRole(row.owner.role)) : parseRole(row.role);
  if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) await touch(db, row.id, at);
  return { actor: { kind: 'token', id: row.id, name: row.name, role }, ownerId: row.ownerId, expiresAt: row.expiresAt };
}

/** Records a use, unless another request (on any instance) did within the minute. */
async function touch(db: StoreClient, id: string, at: Date): Promise<void> {
  const stale = new Date(at.getTime() - LAST_USED_PRECISION_MS);
  await db.apiToken.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: at } });
}

/** The user a token made by `actor` acts for: the user, a token's own user, or nobody for `local`. */
async function ownerOf(db: Pick<Tx, 'apiToken'>, actor: Actor): Promise<string | null> {
  if (actor.kind === 'user') return actor.id;
  if (actor.kind === 'local') return null;
  return (await db.apiToken.findUnique({ where: { id: actor.id }, select: { ownerId: true } }))?.ownerId ?? null;
}

/** The tokens `actor` may list and revoke: all for an admin, else those of the same user (or, without one, its own). */
async function visibleTo(db: Pick<Tx, 'apiToken'>, actor: Actor): Promise<Prisma.ApiTokenWhereInput> {
  if (actor.role === 'admin') return {};
  const ownerId = await ownerOf(db, actor);
  return ownerId ? { ownerId } : { createdById: actor.id };
}

function toListing(row: TokenRow): ApiTokenListing {
  return {
    id: row.id,
    name: row.name,
    role: parseRole(row.role),
    prefix: row.prefix,
    createdBy: { kind: parseKind(row.createdByKind), id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

function parseKind(kind: string): Actor['kind'] {
  return kind === 'token' || kind === 'local' ? kind : 'user';
}
