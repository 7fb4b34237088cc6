import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface ReplyProxy {
  port: number;
  /**
   * Cuts the client's connection instead of passing on the reply to the next `command` forwarded: what a network
   * fault after the server ran a command looks like to ioredis. With `'refuse'`, every connection is refused after
   * it, so the client cannot learn what became of the command.
   */
  dropReplyTo(command: string, then?: 'refuse'): void;
  /**
   * Keeps back every reply from the next `command` forwarded on, until `release()`: a server that stopped answering
   * (SIGSTOPped, or a proxy that swallows replies) while the connection stays up. The commands still reach Redis.
   */
  holdRepliesFrom(command: string): void;
  /** Whether replies are being kept back (the command `holdRepliesFrom` waits for has been forwarded). */
  holding(): boolean;
  /** Passes on the replies kept back, in order, and every one after them. */
  release(): void;
  /** How many replies `dropReplyTo` dropped. */
  dropped(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy to the Redis on `redisPort` that passes every command on and, once told, drops or holds replies.
 * @example const proxy = await replyProxy(6379); proxy.holdRepliesFrom('publish'); … proxy.release(); await proxy.close();
 */
export async function replyProxy(redisPort: number): Promise<ReplyProxy> {
  let watched: { command: string; then: 'drop' | 'refuse' | 'hold' } | null = null;
  let drop = false;
  let refuseAfter = false;
  let hold = false;
  let held: { client: Socket; chunk: Buffer }[] = [];
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: redisPort });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => (sockets.delete(socket), client.destroy(), upstream.destroy()));
    }
    client.on('data', (chunk: Buffer) => {
      // RESP sends the command's name as a bulk string of its own: `$4\r\nxadd\r\n`.
      if (watched && chunk.toString('latin1').toLowerCase().includes(`\r\n${watched.command}\r\n`)) {
        if (watched.then === 'hold') hold = true;
        else {
          drop = true;
          refuseAfter = watched.then === 'refuse';
        }
        watched = null;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (hold) return void held.push({ client, chunk });
      if (!drop) return void client.write(chunk);
      drop = false;
      dropped += 1;
      if (refuseAfter) server.close();
      client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    dropReplyTo: (command, then) => void (watched = { command: command.toLowerCase(), then: then ?? 'drop' }),
    holdRepliesFrom: (command) => void (watched = { command: command.toLowerCase(), then: 'hold' }),
    holding: () => hold,
    release: () => {
      hold = false;
      for (const { client, chunk } of held) if (!client.destroyed) client.write(chunk);
      held = [];
    },
    dropped: () => dropped,
    close: () =>
      new Promise((resolve) => {
        held = [];
        sockets.forEach((socket) => socket.destroy());
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}
