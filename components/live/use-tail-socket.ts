'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { BrokerState } from '../../lib/broker/redis.ts';
import { announceBrokerState } from '../layout/broker-state-signal.ts';
import type { ClientToServerEvents, ServerToClientEvents, ShardAck, TailAck, TailBatch } from '../../lib/live/events.ts';

type TailSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketState = 'connecting' | 'connected' | 'disconnected';

interface TailConnection {
  socket: SocketState;
  /** The portal's link to Redis as it last reported it; null until it has. */
  broker: BrokerState | null;
  /** The patterns followed, as the server confirmed them. */
  patterns: string[];
  /** Why the last subscription change failed, or why the server refused the connection, in the server's words. */
  patternError: string | null;
  /** Follows one more pattern; resolves true once the server accepted it. */
  follow: (pattern: string) => Promise<boolean>;
  unfollow: (pattern: string) => Promise<boolean>;
  /** The shard channels followed (SSUBSCRIBE, for SPUBLISH traffic), as the server confirmed them. */
  shards: string[];
  /** Why the last shard channel change failed, in the server's words. */
  shardError: string | null;
  followShard: (channel: string) => Promise<boolean>;
  unfollowShard: (channel: string) => Promise<boolean>;
}

const ACK_TIMEOUT_MS = 5_000;
/** Kept messages the page opens with (README "Recent traffic"): the server allows up to 1,000. */
export const OPENING_HISTORY = 200;
const NOT_CONNECTED = 'Not connected to the portal: wait until the status says Connected, then try again.';
/** The handshake's refusal without a session (lib/live/handshake-auth.ts), in words. */
const SIGN_IN_TO_TAIL = 'Sign in to follow the live tail: it shows the broker traffic itself, so it needs a session or an API token.';

/**
 * The live tail's Socket.IO link: hands each `tail:batch` to `onBatch` and acknowledges it at once (the server
 * sends nothing more until then), reports connection and broker state, and follows the patterns again after
 * every reconnect, since the server forgets a socket's patterns when it disconnects. The first subscription asks for
 * the last OPENING_HISTORY kept messages, so the tail opens with the recent past; a reconnect does not ask again.
 * @example const tail = useTailSocket(store.ingest, ['*']);
 */
export function useTailSocket(onBatch: (batch: TailBatch) => void, initialPatterns: string[]): TailConnection {
  const socketRef = useRef<TailSocket | null>(null);
  const wanted = useRef(initialPatterns);
  const [patterns, setPatterns] = useState(initialPatterns);
  const [patternError, setPatternError] = useState<string | null>(null);
  const [socketState, setSocketState] = useState<SocketState>('connecting');
  const [broker, setBroker] = useState<BrokerState | null>(null);
  const wantedShards = useRef<string[]>([]);
  const recalled = useRef(false);
  const [shards, setShards] = useState<string[]>([]);
  const [shardError, setShardError] = useState<string | null>(null);

  const settle = useCallback((result: TailAck): boolean => {
    if (!result.ok) {
      setPatternError(result.error);
      return false;
    }
    wanted.current = result.patterns;
    setPatterns(result.patterns);
    setPatternError(null);
    return true;
  }, []);

  const settleShards = useCallback((result: ShardAck): boolean => {
    if (!result.ok) {
      setShardError(result.error);
      return false;
    }
    wantedShards.current = result.channels;
    setShards(result.channels);
    setShardError(null);
    return true;
  }, []);

  useEffect(() => {
    const socket: TailSocket = io({ path: '/socket.io', transports: ['websocket', 'polling'], tryAllTransports: true });
    socketRef.current = socket;
    socket.on('connect', () => {
      setSocketState('connected');
      if (wanted.current.length > 0) {
        const history = recalled.current ? undefined : OPENING_HISTORY;
        recalled.current = true;
        void request(socket, 'tail:subscribe', wanted.current, history).then(settle);
      }
      if (wantedShards.current.length > 0) void shardRequest(socket, 'tail:ssubscribe', wantedShards.current).then(settleShards);
    });
    socket.on('disconnect', (reason) => {
      setSocketState('disconnected');
      setBroker(null);
      // Only a disconnect the server asked for is not retried by the client itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      setSocketState('disconnected');
      // The server refused the connection itself (too many from this address, say): it is not retried, so say why.
      if (!socket.active) setPatternError(error.message === 'unauthorized' ? SIGN_IN_TO_TAIL : error.message);
    });
    socket.on('broker:state', ({ state }) => {
      setBroker(state);
      announceBrokerState(state);
    });
    socket.on('tail:batch', (batch, ack) => {
      try {
        onBatch(batch);
      } finally {
        ack();
      }
    });
    return () => {
      socketRef.current = null;
      socket.disconnect();
    };
  }, [onBatch, settle, settleShards]);

  const follow = useCallback(
    async (pattern: string): Promise<boolean> => {
      const socket = socketRef.current;
      if (!socket?.connected) return settle({ ok: false, error: NOT_CONNECTED });
      return settle(await request(socket, 'tail:subscribe', [pattern]));
    },
    [settle],
  );

  const unfollow = useCallback(
    async (pattern: string): Promise<boolean> => {
      const socket = socketRef.current;
      // A disconnected socket has no subscriptions on the server; forgetting the pattern here is enough.
      if (!socket?.connected) return settle({ ok: true, patterns: wanted.current.filter((p) => p !== pattern) });
      return settle(await request(socket, 'tail:unsubscribe', [pattern]));
    },
    [settle],
  );

  const followShard = useCallback(
    async (channel: string): Promise<boolean> => {
      const socket = socketRef.current;
      if (!socket?.connected) return settleShards({ ok: false, error: NOT_CONNECTED });
      return settleShards(await shardRequest(socket, 'tail:ssubscribe', [channel]));
    },
    [settleShards],
  );

  const unfollowShard = useCallback(
    async (channel: string): Promise<boolean> => {
      const socket = socketRef.current;
      if (!socket?.connected) return settleShards({ ok: true, channels: wantedShards.current.filter((c) => c !== channel) });
      return settleShards(await shardRequest(socket, 'tail:sunsubscribe', [channel]));
    },
    [settleShards],
  );

  return {
    socket: socketState,
    broker,
    patterns,
    patternError,
    follow,
    unfollow,
    shards,
    shardError,
    followShard,
    unfollowShard,
  };
}

const NO_ANSWER = `The portal did not answer within ${ACK_TIMEOUT_MS / 1000} s; check the connection status and try again.`;

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
