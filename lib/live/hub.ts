import type { Server, Socket } from 'socket.io';
import type { PatternSubscriptions } from '../broker/pattern-subscriptions.ts';
import type { InspectedMessage } from '../conformance/result.ts';
import { log } from '../log.ts';
import { ClientQueue, DEFAULT_QUEUE_OPTIONS, type ClientQueueOptions } from './client-queue.ts';
import type { ClientToServerEvents, ServerToClientEvents, TailMessage } from './events.ts';
import { compileGlob, globCovers } from './glob.ts';
import { MessageCopies } from './message-copies.ts';
import { parsePatterns, respond } from './requests.ts';
import { catalogueOf, tailMessage, type MessageFacts } from './tail-message.ts';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type Matcher = (channel: string) => boolean;

/** Checks (and counts) one broker message; the hub calls it once per message. */
type MessageInspector = (channel: string, payload: Buffer, receivedAt: number) => InspectedMessage;

export interface LiveHubOptions {
  queueOptions?: ClientQueueOptions;
  /**
   * A pattern the hub keeps PSUBSCRIBEd whether or not anyone follows it, so `inspect` sees that traffic
   * with no browser open. Client patterns it covers are served from it, without a PSUBSCRIBE of their own.
   */
  observePattern?: string;
  inspect?: MessageInspector;
}

const MAX_PATTERNS_PER_CLIENT = 32;

interface Client {
  queue: ClientQueue;
  /** The client's patterns in subscription order, each with its matcher. */
  patterns: Map<string, Matcher>;
}

/**
 * The live tail: clients subscribe to Redis glob patterns over Socket.IO and receive the matching
 * broker traffic in batches, each message once per client however many of its patterns match.
 * Each broker message is inspected once, whichever patterns it arrives under (see MessageCopies).
 * @example const hub = new LiveHub(io, subscriptions, { observePattern: '*', inspect: monitor.observe });
 */
export class LiveHub {
  private readonly clients = new Map<LiveSocket, Client>();
  private readonly byPattern = new Map<string, Set<Client>>();
  /** Patterns PSUBSCRIBEd on Redis (the observed one and uncovered client patterns), to count copies. */
  private readonly subscribed = new Map<string, Matcher>();
  /**
   * The client patterns each PSUBSCRIBEd pattern serves: the observed pattern serves every client pattern it
   * covers, any other pattern serves itself. One delivery path for both.
   */
  private readonly served = new Map<string, Map<string, Matcher>>();
  private readonly observePattern: string | null;
  private readonly queueOptions: ClientQueueOptions;
  private readonly copies: MessageCopies<MessageFacts>;

  constructor(
    io: LiveServer,
    private readonly subscriptions: Pick<PatternSubscriptions, 'acquire' | 'release'>,
    { queueOptions = DEFAULT_QUEUE_OPTIONS, observePattern, inspect }: LiveHubOptions = {},
  ) {
    this.queueOptions = queueOptions;
    this.observePattern = observePattern ? observePattern : null;
    this.copies = new MessageCopies(
      (channel) => this.copiesOf(channel),
      (channel, payload) => {
        const receivedAt = Date.now();
        return { receivedAt, inspected: inspect?.(channel, payload, receivedAt) };
      },
    );
    if (this.observePattern) {
      this.served.set(this.observePattern, new Map());
      this.psubscribe(this.observePattern);
    }
    io.on('connection', (socket) => this.attach(socket));
  }

  /**
   * Hands one broker message, received under `pattern`, to the clients of each client pattern that pattern
   * serves and that matches `channel` (Redis has matched `pattern` itself already).
   */
  deliver(pattern: string, channel: string, payload: Buffer): void {
    const facts = this.copies.resolve(channel, payload);
    let message: TailMessage | undefined;
    for (const [clientPattern, matches] of this.served.get(pattern) ?? []) {
      if (clientPattern !== pattern && !matches(channel)) continue;
      message = message ? { ...message, pattern: clientPattern } : tailMessage(clientPattern, channel, payload, facts);
      this.push(clientPattern, channel, message);
    }
  }

  /** Queues `message` for each client of `pattern` for which it is the first pattern matching `channel`. */
  private push(pattern: string, channel: string, message: TailMessage): void {
    for (const client of this.byPattern.get(pattern) ?? []) {
      if (client.patterns.size === 1 || firstMatch(client, channel) === pattern) client.queue.push(message);
    }
  }

  private copiesOf(channel: string): number {
    if (this.subscribed.size <= 1) return 1;
    let count = 0;
    for (const matches of this.subscribed.values()) if (matches(channel)) count += 1;
    return count;
  }

  private attach(socket: LiveSocket): void {
    const client: Client = {
      patterns: new Map(),
      queue: new ClientQueue((batch, acknowledged) => socket.emit('tail:batch', batch, acknowledged), this.queueOptions, catalogueOf),
    };
    this.clients.set(socket, client);
    socket.on('tail:subscribe', (request, ack) => respond(ack, () => this.subscribe(client, request?.patterns)));
    socket.on('tail:unsubscribe', (request, ack) => respond(ack, () => this.unsubscribe(client, parsePatterns(request?.patterns))));
    socket.on('disconnect', () => {
      this.unsubscribe(client, [...client.patterns.keys()]);
      client.queue.close();
      this.clients.delete(socket);
    });
  }

  private subscribe(client: Client, patterns: unknown): string[] {
    const wanted = parsePatterns(patterns);
    const added = wanted.filter((p) => !client.patterns.has(p));
    if (client.patterns.size + added.length > MAX_PATTERNS_PER_CLIENT) {
      throw new Error(`A client may follow at most ${MAX_PATTERNS_PER_CLIENT} patterns; remove one first.`);
    }
    for (const pattern of added) {
      const matcher = compileGlob(pattern);
      client.patterns.set(pattern, matcher);
      this.clientsOf(pattern).add(client);
      if (!this.isCovered(pattern)) this.psubscribe(pattern, matcher);
      const source = this.sourceOf(pattern);
      let served = this.served.get(source);
      if (!served) this.served.set(source, (served = new Map<string, Matcher>()));
      served.set(pattern, matcher);
    }
    return [...client.patterns.keys()];
  }

  private unsubscribe(client: Client, patterns: string[]): string[] {
    for (const pattern of patterns) {
      if (!client.patterns.delete(pattern)) continue;
      const clients = this.byPattern.get(pattern);
      clients?.delete(client);
      const source = this.sourceOf(pattern);
      if (clients?.size === 0) {
        this.byPattern.delete(pattern);
        const served = this.served.get(source);
        served?.delete(pattern);
        if (served?.size === 0 && source !== this.observePattern) this.served.delete(source);
      }
      if (!this.isCovered(pattern)) this.punsubscribe(pattern);
    }
    return [...client.patterns.keys()];
  }

  private isCovered(pattern: string): boolean {
    return this.observePattern !== null && globCovers(this.observePattern, pattern);
  }

  /** The PSUBSCRIBEd pattern whose messages serve `pattern`: the observed one when it covers it, else itself. */
  private sourceOf(pattern: string): string {
    return this.isCovered(pattern) && this.observePattern !== null ? this.observePattern : pattern;
  }

  private psubscribe(pattern: string, matcher = compileGlob(pattern)): void {
    this.subscribed.set(pattern, matcher);
    this.subscriptions.acquire(pattern).catch((error: unknown) => log.error(`PSUBSCRIBE ${pattern} failed`, error));
  }

  private punsubscribe(pattern: string): void {
    if (!this.byPattern.has(pattern)) this.subscribed.delete(pattern);
    this.subscriptions.release(pattern).catch((error: unknown) => log.error(`PUNSUBSCRIBE ${pattern} failed`, error));
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
