import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';
import { io as connectClient, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { clientAddressMiddleware } from '../lib/auth/client-address.ts';
import type { TrustedProxies } from '../lib/auth/trusted-proxies.ts';
import { startLiveBridge, type LiveBridge, type LiveBridgeOptions } from '../lib/live/bridge.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../lib/live/events.ts';
import { authenticateHandshake, type HandshakeIdentity } from '../lib/live/handshake-auth.ts';
import type { LiveHubOptions, LiveServer } from '../lib/live/hub.ts';

export type TailClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveTestServer {
  io: LiveServer;
  bridge: LiveBridge;
  /** The handshake guard, when started with `identity`. */
  guard: ReturnType<typeof authenticateHandshake> | null;
  url: string;
  /** A Socket.IO client over WebSocket, disconnected by stop(). */
  connect(options?: Partial<ManagerOptions & SocketOptions>): TailClient;
  stop(): Promise<void>;
}

/**
 * The portal's live path on a random port: an HTTP server, Socket.IO and the bridge from `subscriber`; with
 * `identity`, the handshake guard server.ts puts before it; with `trustedProxies`, its stamp of the client's address.
 * @example const live = await startLiveServer({ subscriber }); const client = live.connect();
 */
export async function startLiveServer({
  subscriber,
  allowRequest,
  identity,
  trustedProxies,
  ...options
}: {
  subscriber: Redis;
  allowRequest?: ServerOptions['allowRequest'];
  identity?: HandshakeIdentity;
  trustedProxies?: TrustedProxies;
} & LiveHubOptions &
  Pick<LiveBridgeOptions, 'openShards'>): Promise<LiveTestServer> {
  const http = createServer();
  const io: LiveServer = new Server(http, allowRequest ? { allowRequest } : {});
  if (trustedProxies) io.engine.use(clientAddressMiddleware(trustedProxies));
  const guard = identity ? authenticateHandshake(io, identity) : null;
  const bridge = startLiveBridge({ io, subscriber, ...options });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: TailClient[] = [];
  return {
    io,
    bridge,
    guard,
    url,
    connect(clientOptions = {}) {
      const client: TailClient = connectClient(url, { transports: ['websocket'], ...clientOptions });
      clients.push(client);
      return client;
    },
    async stop() {
      clients.forEach((client) => client.disconnect());
      guard?.stop();
      await io.close();
      bridge.shards.close();
    },
  };
}
