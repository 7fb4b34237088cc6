import type { Server, Socket } from 'socket.io';
import type { PatternSubscriptions } from '../broker/pattern-subscriptions.ts';
import { log } from '../log.ts';
import { ClientQueue, DEFAULT_QUEUE_OPTIONS, type ClientQueueOptions } from './client-queue.ts';
import type { ClientToServerEvents, ServerToClientEvents, TailAck, TailMessage } from './events.ts';
import { compileGlob, patternProblem } from './glob.ts';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Payloads larger than this are cut in the tail; their real size is kept. */
export const TAIL_PAYLOAD_LIMIT = 64 * 1024;
const MAX_PATTERNS_PER_CLIENT = 32;

interface Client {
  queue: ClientQueue;
  /** The client's patterns in subscription order, each with its matcher. */
  patterns: Map<string, (channel: string) => boolean>;
}

/**
 * The live tail: clients subscribe to Redis glob patterns over Socket.IO and receive the matching
 * broker traffic in batches, each message once per client however many of its patterns match.
 * @example const hub = new LiveHub(io, subscriptions); // wire subscriptions' listener to hub.deliver
 */
export class LiveHub {
  private readonly clients = new Map<LiveSocket, Client>();
  private readonly byPattern = new Map<string, Set<Client>>();

  constructor(
    io: LiveServer,
    private readonly subscriptions: Pick<PatternSubscriptions, 'acquire' | 'release'>,
    private readonly queueOptions: ClientQueueOptions = DEFAULT_QUEUE_OPTIONS,
  ) {
    io.on('connection', (socket) => this.attach(socket));
  }

  /** Hands one broker message to every client subscribed to `pattern`. */
  deliver(pattern: string, channel: string, payload: Buffer): void {
    const clients = this.byPattern.get(pattern);
    if (!clients) return;
    const truncated = payload.length > TAIL_PAYLOAD_LIMIT;
    const message: TailMessage = {
      channel,
      pattern,
      payload: (truncated ? payload.subarray(0, TAIL_PAYLOAD_LIMIT) : payload).toString('utf8'),
      receivedAt: Date.now(),
      size: payload.length,
      truncated,
    };
    for (const client of clients) {
      if (client.patterns.size === 1 || firstMatch(client, channel) === pattern) client.queue.push(message);
    }
  }

  private attach(socket: LiveSocket): void {
    const client: Client = {
      patterns: new Map(),
      queue: new ClientQueue((batch, acknowledged) => socket.emit('tail:batch', batch, acknowledged), this.queueOptions),
    };
    this.clients.set(socket, client);
    socket.on('tail:subscribe', (request, ack) => respond(ack, () => this.subscribe(client, request?.patterns)));
    socket.on('tail:unsubscribe', (request, ack) => respond(ack, () => this.unsubscribe(client, checkPatterns(request?.patterns))));
    socket.on('disconnect', () => {
      this.unsubscribe(client, [...client.patterns.keys()]);
      client.queue.close();
      this.clients.delete(socket);
    });
  }

  private subscribe(client: Client, patterns: unknown): string[] {
    const wanted = checkPatterns(patterns);
    const added = wanted.filter((p) => !client.patterns.has(p));
    if (client.patterns.size + added.length > MAX_PATTERNS_PER_CLIENT) {
      throw new Error(`A client may follow at most ${MAX_PATTERNS_PER_CLIENT} patterns; remove one first.`);
    }
    for (const pattern of added) {
      client.patterns.set(pattern, compileGlob(pattern));
      this.clientsOf(pattern).add(client);
      this.subscriptions.acquire(pattern).catch((error: unknown) => log.error(`PSUBSCRIBE ${pattern} failed`, error));
    }
    return [...client.patterns.keys()];
  }

  private unsubscribe(client: Client, patterns: string[]): string[] {
    for (const pattern of patterns) {
      if (!client.patterns.delete(pattern)) continue;
      const clients = this.byPattern.get(pattern);
      clients?.delete(client);
      if (clients?.size === 0) this.byPattern.delete(pattern);
      this.subscriptions.release(pattern).catch((error: unknown) => log.error(`PUNSUBSCRIBE ${pattern} failed`, error));
    }
    return [...client.patterns.keys()];
  }

  private clientsOf(pattern: string): Set<Client> {
    let set = this.byPattern.get(pattern);
    if (!set) this.byPattern.set(pattern, (set = new Set()));
    return set;
  }
}

function firstMatch(client: Client, channel: string): string | undefined {
  for (const [pattern, matches] of client.patterns) if (matches(channel)) return pattern;
  return undefined;
}

function checkPatterns(patterns: unknown): string[] {
  if (!Array.isArray(patterns) || patterns.length === 0) throw new Error('Send { "patterns": ["orders.*"] }: a non-empty list of Redis glob patterns.');
  for (const pattern of patterns) {
    const problem = patternProblem(pattern);
    if (problem) throw new Error(`${JSON.stringify(pattern)}: ${problem}`);
  }
  return [...new Set(patterns as string[])];
}

function respond(ack: unknown, action: () => string[]): void {
  let result: TailAck;
  try {
    result = { ok: true, patterns: action() };
  } catch (error) {
    result = { ok: false, error: (error as Error).message };
  }
  if (typeof ack === 'function') (ack as (r: TailAck) => void)(result);
}
