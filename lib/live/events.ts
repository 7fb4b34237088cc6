import type { BrokerState } from '../broker/redis.ts';
import type { CatalogueMatch, TailConformance } from '../common/conformance.ts';

export type { CatalogueMatch, Conformance, ConformanceStatus } from '../common/conformance.ts';

/** One message seen on the broker, as the live tail shows it. */
export interface TailMessage {
  channel: string;
  /** The subscribed pattern that matched the channel. */
  pattern: string;
  /** The payload as UTF-8 text, cut at the tail's limit when `truncated`. */
  payload: string;
  /** When the portal received it, in milliseconds since the epoch. */
  receivedAt: number;
  /** The payload's real size in bytes. */
  size: number;
  truncated: boolean;
  /** How the message compares with the catalogue; absent when the portal runs without conformance checks. */
  conformance?: TailConformance;
}

export interface TailBatch {
  messages: TailMessage[];
  /** Messages this client lost since the last batch because it fell behind. */
  dropped: number;
  /** The catalogue matches the batch's conformances refer to (`conformance.ref`), when any. */
  catalogue?: Record<number, CatalogueMatch>;
}

export type TailAck = { ok: true; patterns: string[] } | { ok: false; error: string };

/** Events the server sends over Socket.IO (described in asyncapi/portal.yaml). */
export interface ServerToClientEvents {
  'broker:state': (state: { state: BrokerState }) => void;
  'tail:batch': (batch: TailBatch, ack: () => void) => void;
}

/** Events a browser sends over Socket.IO. */
export interface ClientToServerEvents {
  'tail:subscribe': (request: { patterns: string[] }, ack: (result: TailAck) => void) => void;
  'tail:unsubscribe': (request: { patterns: string[] }, ack: (result: TailAck) => void) => void;
}
