import type { Actor } from '../auth/roles.ts';
import type { BrokerState } from '../broker/redis.ts';
import type { CatalogueMatch, Conformance, TailConformance } from '../common/conformance.ts';

export type { CatalogueMatch, Conformance, ConformanceStatus } from '../common/conformance.ts';

/** One message seen on the broker, as the live tail shows it. */
export interface TailMessage {
  channel: string;
  /** The subscribed pattern that matched the channel; for a shard channel's message (`sharded`), the channel itself. */
  pattern: string;
  /** Published with SPUBLISH and received through an SSUBSCRIBE to its exact channel, not through a pattern. */
  sharded?: true;
  /** The payload as UTF-8 text, or its decoding (see `encoding`), cut at the tail's limit when `truncated`. */
  payload: string;
  /**
   * Set when `payload` is not the bytes received but what they decoded to: `avro-binary`, binary Avro shown in Avro's
   * JSON encoding (decoded with its catalogued message's schema); `base64`, bytes that are not UTF-8, in base64.
   * Absent: the bytes as UTF-8, as they came.
   */
  encoding?: 'avro-binary' | 'base64';
  /** When the portal received it, in milliseconds since the epoch. */
  receivedAt: number;
  /** The payload's real size in bytes, as received (for a decoded payload, the encoded bytes). */
  size: number;
  truncated: boolean;
  /** How the message compares with the catalogue; absent when the portal runs without conformance checks. */
  conformance?: TailConformance;
}

/**
 * A message of the recent traffic the portal keeps (README "Recent traffic"), as `GET /api/traffic` answers it:
 * a tail message without the pattern it was followed by, its conformance joined to its catalogue match.
 */
export interface RecentMessage extends Omit<TailMessage, 'pattern' | 'sharded' | 'conformance'> {
  conformance?: Conformance;
}

/**
 * A stretch of traffic the portal could not receive, so could not count: Redis closed its subscriber connection
 * (a restart, a network fault, or its pub/sub output-buffer limit) and messages published meanwhile are gone.
 */
export interface TailGap {
  reason: 'reset';
  /**
   * The shard channels (of those the client follows) whose connection was reset: what was SPUBLISHed there is gone.
   * Absent when the reset was the pattern subscriber's, which every pattern's traffic comes through.
   */
  channels?: string[];
  /** When the connection was lost and when it was back, in milliseconds since the epoch. */
  from: number;
  to: number;
  /** How many of the batch's messages come before the gap (they were received before it). */
  before: number;
}

export interface TailBatch {
  messages: TailMessage[];
  /** Messages this client lost since the last batch: it fell behind, or the portal shed them under load. */
  dropped: number;
  /** Losses the portal could not count, where they fell among `messages`. */
  gaps?: TailGap[];
  /** The catalogue matches the batch's conformances refer to (`conformance.ref`), when any. */
  catalogue?: Record<number, CatalogueMatch>;
  /** Recent traffic received before the subscription (`tail:subscribe` with `history`), sent before any live batch. */
  history?: true;
}

export type TailAck = { ok: true; patterns: string[] } | { ok: false; error: string };

/** The answer to `tail:ssubscribe` / `tail:sunsubscribe`: the shard channels the client follows now. */
export type ShardAck = { ok: true; channels: string[] } | { ok: false; error: string };

/** Events the server sends over Socket.IO (described in asyncapi/portal.yaml). */
export interface ServerToClientEvents {
  'broker:state': (state: { state: BrokerState }) => void;
  'tail:batch': (batch: TailBatch, ack: () => void) => void;
}

/** Events a browser sends over Socket.IO. */
export interface ClientToServerEvents {
  /** With `history` (0 to 1,000), the last that many kept messages matching `patterns` come first, in `history` batches. */
  'tail:subscribe': (request: { patterns: string[]; history?: number }, ack: (result: TailAck) => void) => void;
  'tail:unsubscribe': (request: { patterns: string[] }, ack: (result: TailAck) => void) => void;
  /** Follows exact shard channels (SSUBSCRIBE), for what is published on them with SPUBLISH. */
  'tail:ssubscribe': (request: { channels: string[] }, ack: (result: ShardAck) => void) => void;
  'tail:sunsubscribe': (request: { channels: string[] }, ack: (result: ShardAck) => void) => void;
}

/** Who holds a live socket (`socket.data`), set by the handshake guard (lib/live/handshake-auth.ts). */
export interface LiveSocketData {
  actor: Actor;
  /** The user behind it: the signed-in user, or the user a token acts for; null for `local`. */
  userId: string | null;
  /** The session it was let in with; null for a token or `local`. */
  sessionId: string | null;
  /** When its token or session expires and the socket is closed; null for a token that never expires and `local`. */
  expiresAt: Date | null;
}

/** The portal's Socket.IO events between instances: none yet. */
export type InterServerEvents = Record<string, never>;
