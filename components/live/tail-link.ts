import { io, type Socket } from 'socket.io-client';
import type { BrokerState } from '../../lib/broker/redis.ts';
import type { ClientToServerEvents, ServerToClientEvents, ShardAck, TailAck, TailBatch } from '../../lib/live/events.ts';

type TailSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketState = 'connecting' | 'connected' | 'disconnected';

/** What the page shows of the link: connection, broker, and the subscriptions as the server confirmed them. */
export interface LinkState {
  socket: SocketState;
  /** The portal's link to Redis as it last reported it; null until it has. */
  broker: BrokerState | null;
  /** The patterns followed, as the server confirmed them. */
  patterns: string[];
  /** Why the last subscription change failed, or why the server refused the connection, in the server's words. */
  patternError: string | null;
  /** The shard channels followed (SSUBSCRIBE, for SPUBLISH traffic), as the server confirmed them. */
  shards: string[];
  /** Why the last shard channel change failed, in the server's words. */
  shardError: string | null;
}

/** The subscription changes a link takes; each resolves true once the server accepted it. */
export type LinkRequest = 'follow' | 'unfollow' | 'followShard' | 'unfollowShard';

const ACK_TIMEOUT_MS = 5_000;
/** Kept messages the page opens with (README "Recent traffic"): the server allows up to 1,000. */
export const OPENING_HISTORY = 200;
const NOT_CONNECTED = 'Not connected to the portal: wait until the status says Connected, then try again.';
/** The handshake's refusal without a session (lib/live/handshake-auth.ts), in words. */
const SIGN_IN_TO_TAIL = 'Sign in to follow the live tail: it shows the broker traffic itself, so it needs a session or an API token.';
const NO_ANSWER = `The portal did not answer within ${ACK_TIMEOUT_MS / 1000} s; check the connection status and try again.`;

interface TailLinkOptions {
  initialPatterns: string[];
  /** Takes each `tail:batch`; the batch is acknowledged when it returns (the server sends nothing more until then). */
  onBatch: (batch: TailBatch) => void;
  onChange: (state: LinkState) => void;
}

/**
 * The live tail's Socket.IO link, free of React and the DOM so it runs in the tail's worker: hands each `tail:batch`
 * to `onBatch` and acknowledges it at once, reports connection and broker state, and follows the patterns again
 * after every reconnect, since the server forgets a socket's patterns when it disconnects. The first subscription
 * asks for the last OPENING_HISTORY kept messages, so the tail opens with the recent past; a reconnect does not.
 * @example const link = new TailLink({ initialPatterns: ['*'], onBatch: store.ingest, onChange: post }); link.stop();
 */
export class TailLink {
  private readonly socket: TailSocket;
  private state: LinkState;
  private recalled = false;

  constructor(private readonly options: TailLinkOptions) {
    this.state = {
      socket: 'connecting',
      broker: null,
      patterns: options.initialPatterns,
      patternError: null,
      shards: [],
      shardError: null,
    };
    const socket: TailSocket = io({ path: '/socket.io', transports: ['websocket', 'polling'], tryAllTransports: true });
    this.socket = socket;
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => {
      this.update({ socket: 'disconnected', broker: null });
      // Only a disconnect the server asked for is not retried by the client itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      // The server refused the connection itself (too many from this address, say): it is not retried, so say why.
      const refused = socket.active ? {} : { patternError: error.message === 'unauthorized' ? SIGN_IN_TO_TAIL : error.message };
      this.update({ socket: 'disconnected', ...refused });
    });
    socket.on('broker:state', ({ state }) => this.update({ broker: state }));
    socket.on('tail:batch', (batch, ack) => {
      try {
        options.onBatch(batch);
      } finally {
        ack();
      }
    });
    options.onChange(this.state);
  }

  async request(kind: LinkRequest, subject: string): Promise<boolean> {
    const { socket } = this;
    const { patterns, shards } = this.state;
    if (kind === 'follow') return this.settle(socket.connected ? await request(socket, 'tail:subscribe', [subject]) : notConnected());
    if (kind === 'followShard')
      return this.settleShards(socket.connected ? await shardRequest(socket, 'tail:ssubscribe', [subject]) : notConnected());
    // A disconnected socket has no subscriptions on the server; forgetting the subject here is enough.
    if (kind === 'unfollow')
      return this.settle(
        socket.connected
          ? await request(socket, 'tail:unsubscribe', [subject])
          : { ok: true, patterns: patterns.filter((p) => p !== subject) },
      );
    return this.settleShards(
      socket.connected
        ? await shardRequest(socket, 'tail:sunsubscribe', [subject])
        : { ok: true, channels: shards.filter((c) => c !== subject) },
    );
  }

  stop(): void {
    this.socket.disconnect();
  }

  private onConnect(): void {
    this.update({ socket: 'connected' });
    const { patterns, shards } = this.state;
    if (patterns.length > 0) {
      const history = this.recalled ? undefined : OPENING_HISTORY;
      this.recalled = true;
      void request(this.socket, 'tail:subscribe', patterns, history).then((result) => this.settle(result));
    }
    if (shards.length > 0) void shardRequest(this.socket, 'tail:ssubscribe', shards).then((result) => this.settleShards(result));
  }

  private settle(result: TailAck): boolean {
    this.update(result.ok ? { patterns: result.patterns, patternError: null } : { patternError: result.error });
    return result.ok;
  }

  private settleShards(result: ShardAck): boolean {
    this.update(result.ok ? { shards: result.channels, shardError: null } : { shardError: result.error });
    return result.ok;
  }

  private update(change: Partial<LinkState>): void {
    this.state = { ...this.state, ...change };
    this.options.onChange(this.state);
  }
}

function notConnected(): { ok: false; error: string } {
  return { ok: false, error: NOT_CONNECTED };
}

async function request(
  socket: TailSocket,
  event: 'tail:subscribe' | 'tail:unsubscribe',
  patterns: string[],
  history?: number,
): Promise<TailAck> {
  try {
    // socket.io-client types a timed acknowledgement as any; the server answers TailAck (lib/live/events.ts).
    const ack: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, history ? { patterns, history } : { patterns });
    return ack as TailAck;
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}

async function shardRequest(socket: TailSocket, event: 'tail:ssubscribe' | 'tail:sunsubscribe', channels: string[]): Promise<ShardAck> {
  try {
    const ack: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, { channels });
    return ack as ShardAck;
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}
