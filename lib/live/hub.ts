import type { Server, Socket } from 'socket.io';
import type { PatternSubscriptions } from '../broker/pattern-subscriptions.ts';
import type { ShardSubscriptions } from '../broker/shard-subscriptions.ts';
import type { InspectedMessage } from '../conformance/result.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import { ClientQueue, DEFAULT_QUEUE_OPTIONS, type ClientQueueOptions } from './client-queue.ts';
import type {
  ClientToServerEvents,
  InterServerEvents,
  LiveSocketData,
  RecentMessage,
  ServerToClientEvents,
  TailMessage,
} from './events.ts';
import { limitConnectionsPerAddress } from './connection-limit.ts';
import { globCovers } from './glob.ts';
import { DEFAULT_LIVE_LIMITS, type LiveLimits } from './limits.ts';
import { MessageCopies } from './message-copies.ts';
import { PatternIndex } from './pattern-index.ts';
import type { Received } from './inbox.ts';
import { parseHistory, parsePatterns, parseShardChannels, respond, respondShards } from './requests.ts';
import { catalogueOf, recalledTailMessages, tailMessage, type MessageFacts } from './tail-message.ts';

// While Redis is down every tab that opens asks for history and gets none: once a minute is enough to say so.
const logRecallFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, LiveSocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, LiveSocketData>;

/** Checks (and counts) one broker message; the hub calls it once per message. */
type MessageInspector = (channel: string, payload: Buffer, receivedAt: number) => InspectedMessage;

export interface LiveHubOptions {
  queueOptions?: ClientQueueOptions;
  limits?: LiveLimits;
  /**
   * A pattern the hub keeps PSUBSCRIBEd whether or not anyone follows it, so `inspect` sees that traffic
   * with no browser open. Client patterns it covers are served from it, without a PSUBSCRIBE of their own.
   */
  observePattern?: string;
  inspect?: MessageInspector;
  /** Where shard channels are SSUBSCRIBEd; without it, clients asking to follow one are told the portal cannot. */
  shards?: Pick<ShardSubscriptions, 'acquire' | 'release'>;
  /** Checks a shard channel's message without counting it: traffic counts come from the observed pattern alone. */
  check?: MessageInspector;
  /** The last `limit` kept messages on `patterns`, oldest first, for `tail:subscribe` with `history` (see monitor.recall). */
  recall?: (patterns: readonly string[], limit: number) => Promise<RecentMessage[]>;
}

interface Client {
  queue: ClientQueue;
  /** The client's patterns in subscription order. */
  patterns: Set<string>;
  /** The shard channels it follows (SSUBSCRIBE), in subscription order. */
  shards: Set<string>;
  /** Whether a recall of kept messages is on its way: one at a time. */
  recalling: boolean;
}

/**
 * The live tail: clients subscribe to Redis glob patterns over Socket.IO and receive the matching
 * broker traffic in batches, each message once per client however many of its patterns match.
 * Each broker message is inspected once, whichever patterns it arrives under (see MessageCopies), and
 * matched once against each distinct pattern, however many clients follow it (see PatternIndex).
 * @example const hub = new LiveHub(io, subscriptions, { observePattern: '*', inspect: monitor.observe });
 */
export class LiveHub {
  private readonly clients = new Map<LiveSocket, Client>();
  private readonly byPattern = new Map<string, Set<Client>>();
  private readonly byShard = new Map<string, Set<Client>>();
  /** Every client pattern and the observed one, to match each message against once. */
  private readonly index = new PatternIndex();
  /** Patterns PSUBSCRIBEd on Redis (the observed one and uncovered client patterns), to count copies. */
  private readonly subscribed = new Set<string>();
  /**
   * The client patterns each PSUBSCRIBEd pattern serves: the observed pattern serves every client pattern it
   * covers, any other pattern serves itself. One delivery path for both.
   */
  private readonly served = new Map<string, Set<string>>();
  private readonly observePattern: string | null;
  private readonly queueOptions: ClientQueueOptions;
  private readonly limits: LiveLimits;
  private readonly copies: MessageCopies<MessageFacts>;
  private readonly shards: LiveHubOptions['shards'];
  private readonly check: MessageInspector | undefined;
  private readonly recall: LiveHubOptions['recall'];

  constructor(
    io: LiveServer,
    private readonly subscriptions: Pick<PatternSubscriptions, 'acquire' | 'release'>,
    {
      queueOptions = DEFAULT_QUEUE_OPTIONS,
      limits = DEFAULT_LIVE_LIMITS,
      observePattern,
      inspect,
      shards,
      check,
      recall,
    }: LiveHubOptions = {},
  ) {
    this.recall = recall;
    this.shards = shards;
    this.check = check;
    this.queueOptions = queueOptions;
    this.limits = limits;
    this.observePattern = observePattern ? observePattern : null;
    this.copies = new MessageCopies(
      (channel) => this.copiesOf(channel),
      (channel, payload) => {
        const receivedAt = Date.now();
        return { receivedAt, inspected: inspect?.(channel, payload, receivedAt) };
      },
    );
    if (this.observePattern) {
      this.served.set(this.observePattern, new Set());
      this.index.add(this.observePattern);
      this.psubscribe(this.observePattern);
    }
    limitConnectionsPerAddress(io, limits.maxConnectionsPerAddress);
    io.on('connection', (socket) => this.attach(socket));
  }

  /**
   * Hands one broker message, received under `pattern`, to the clients of each client pattern that pattern
   * serves and that matches `channel` (Redis has matched `pattern` itself already).
   */
  deliver(pattern: Received, channel: string, payload: Buffer): void {
    if (pattern === null) return this.deliverShard(channel, payload);
    const facts = this.copies.resolve(channel, payload);
    const served = this.served.get(pattern);
    if (!served || served.size === 0) return;
    const matched = this.index.matching(channel);
    let message: TailMessage | undefined;
    for (const clientPattern of served) {
      if (clientPattern !== pattern && !matched.has(clientPattern)) continue;
      message = message ? { ...message, pattern: clientPattern } : tailMessage(clientPattern, channel, payload, facts);
      for (const client of this.byPattern.get(clientPattern) ?? []) {
        if (client.patterns.size === 1 || firstMatch(client, matched) === clientPattern) client.queue.push(message);
      }
    }
  }

  /** Hands a shard channel's message (SPUBLISH, received by SSUBSCRIBE) to the clients following that channel. */
  private deliverShard(channel: string, payload: Buffer): void {
    const clients = this.byShard.get(channel);
    if (!clients || clients.size === 0) return;
    const receivedAt = Date.now();
    const message: TailMessage = {
      ...tailMessage(channel, channel, payload, { receivedAt, inspected: this.check?.(channel, payload, receivedAt) }),
      sharded: true,
    };
    for (const client of clients) client.queue.push(message);
  }

  /** Tells the clients that would have received them that `count` messages were shed (see BrokerInbox). */
  shed(count: number, on?: { pattern: Received; channel: string }): void {
    if (!on) {
      for (const client of this.clients.values()) client.queue.lose(count);
      return;
    }
    if (on.pattern === null) {
      for (const client of this.byShard.get(on.channel) ?? []) client.queue.lose(count);
      return;
    }
    const matched = this.index.matching(on.channel);
    for (const clientPattern of this.served.get(on.pattern) ?? []) {
      if (clientPattern !== on.pattern && !matched.has(clientPattern)) continue;
      for (const client of this.byPattern.get(clientPattern) ?? []) {
        if (client.patterns.size === 1 || firstMatch(client, matched) === clientPattern) client.queue.lose(count);
      }
    }
  }

  /**
   * Shows every client that traffic between `from` and `to` was never received; with `channels`, shard channels whose
   * connection was reset, only the clients following any of them, each told which of its own.
   */
  gap(from: number, to: number, channels?: string[]): void {
    if (!channels) {
      for (const client of this.clients.values()) client.queue.gap(from, to);
      return;
    }
    const lost = new Map<Client, string[]>();
    for (const channel of channels) {
      for (const client of this.byShard.get(channel) ?? []) {
        let own = lost.get(client);
        if (!own) lost.set(client, (own = []));
        own.push(channel);
      }
    }
    for (const [client, own] of lost) client.queue.gap(from, to, own);
  }

  private copiesOf(channel: string): number {
    if (this.subscribed.size <= 1) return 1;
    let count = 0;
    for (const pattern of this.index.matching(channel)) if (this.subscribed.has(pattern)) count += 1;
    return count;
  }

  private attach(socket: LiveSocket): void {
    const client: Client = {
      patterns: new Set(),
      shards: new Set(),
      recalling: false,
      queue: new ClientQueue((batch, acknowledged) => socket.emit('tail:batch', batch, acknowledged), this.queueOptions, catalogueOf),
    };
    this.clients.set(socket, client);
    socket.on('tail:subscribe', (request, ack) => respond(ack, () => this.subscribe(client, request?.patterns, request?.history)));
    socket.on('tail:unsubscribe', (request, ack) =>
      respond(ack, () => this.unsubscribe(client, parsePatterns(request?.patterns, this.limits.maxPatternLength))),
    );
    socket.on('tail:ssubscribe', (request, ack) => respondShards(ack, () => this.followShards(client, request?.channels)));
    socket.on('tail:sunsubscribe', (request, ack) =>
      respondShards(ack, () => this.unfollowShards(client, parseShardChannels(request?.channels, this.limits.maxPatternLength))),
    );
    socket.on('disconnect', () => {
      this.unsubscribe(client, [...client.patterns]);
      this.unfollowShards(client, [...client.shards]);
      client.queue.close();
      this.clients.delete(socket);
    });
  }

  private subscribe(client: Client, patterns: unknown, history?: unknown): string[] {
    const { maxPatternLength, maxPatternsPerClient, maxPatterns } = this.limits;
    const requested = parsePatterns(patterns, maxPatternLength);
    const recalled = parseHistory(history);
    if (recalled > 0 && client.recalling)
      throw new Error('Recent messages are on their way already: ask for history again once they came.');
    const added = requested.filter((p) => !client.patterns.has(p));
    if (client.patterns.size + client.shards.size + added.length > maxPatternsPerClient) {
      throw new Error(`A client may follow at most ${maxPatternsPerClient} patterns (LIVE_MAX_PATTERNS_PER_CLIENT); remove one first.`);
    }
    const distinct = added.filter((p) => !this.byPattern.has(p)).length;
    if (this.byPattern.size + this.byShard.size + distinct > maxPatterns) {
      throw new Error(
        `The portal already follows ${this.byPattern.size + this.byShard.size} distinct patterns and shard channels, the most it may (LIVE_MAX_PATTERNS): follow one of those, or ask whoever runs it to raise the limit.`,
      );
    }
    for (const pattern of added) {
      const problem = this.index.problemAdding(pattern, this.limits.maxPatternsPerKey);
      if (problem) throw new Error(`${JSON.stringify(pattern)}: ${problem}`);
    }
    for (const pattern of added) {
      client.patterns.add(pattern);
      this.clientsOf(pattern).add(client);
      const source = this.sourceOf(pattern);
      if (!this.isCovered(pattern)) this.psubscribe(pattern);
      let served = this.served.get(source);
      if (!served) this.served.set(source, (served = new Set()));
      served.add(pattern);
    }
    if (recalled > 0 && this.recall) this.recallFor(client, requested, recalled);
    return [...client.patterns];
  }

  /** Sends `client` the last `limit` kept messages on `patterns` before anything live (see ClientQueue.recall). */
  private recallFor(client: Client, patterns: string[], limit: number): void {
    client.recalling = true;
    const messages = this.recall!(patterns, limit).then((recent) => recalledTailMessages(patterns, recent));
    messages.catch((error: unknown) => logRecallFailure('could not read the recent traffic for a live client', error));
    void client.queue.recall(messages).finally(() => (client.recalling = false));
  }

  private unsubscribe(client: Client, patterns: string[]): string[] {
    for (const pattern of patterns) {
      if (!client.patterns.delete(pattern)) continue;
      const clients = this.byPattern.get(pattern);
      clients?.delete(client);
      const source = this.sourceOf(pattern);
      if (clients?.size === 0) {
        this.byPattern.delete(pattern);
        this.index.remove(pattern);
        const served = this.served.get(source);
        served?.delete(pattern);
        if (served?.size === 0 && source !== this.observePattern) this.served.delete(source);
      }
      if (!this.isCovered(pattern)) this.punsubscribe(pattern);
    }
    return [...client.patterns];
  }

  /** Follows exact shard channels; they count towards the same limits as patterns. */
  private async followShards(client: Client, channels: unknown): Promise<string[]> {
    const shards = this.shards;
    if (!shards) throw new Error('This portal does not follow shard channels.');
    const { maxPatternLength, maxPatternsPerClient, maxPatterns } = this.limits;
    const added = parseShardChannels(channels, maxPatternLength).filter((c) => !client.shards.has(c));
    if (client.patterns.size + client.shards.size + added.length > maxPatternsPerClient) {
      throw new Error(
        `A client may follow at most ${maxPatternsPerClient} patterns and shard channels together (LIVE_MAX_PATTERNS_PER_CLIENT); remove one first.`,
      );
    }
    const distinct = added.filter((c) => !this.byShard.has(c)).length;
    if (this.byPattern.size + this.byShard.size + distinct > maxPatterns) {
      throw new Error(
        `The portal already follows ${this.byPattern.size + this.byShard.size} distinct patterns and shard channels, the most it may (LIVE_MAX_PATTERNS).`,
      );
    }
    // Taken before the SSUBSCRIBEs are awaited, so that concurrent requests count against the limits too.
    for (const channel of added) {
      client.shards.add(channel);
      let clients = this.byShard.get(channel);
      if (!clients) this.byShard.set(channel, (clients = new Set()));
      clients.add(client);
    }
    const outcomes = await Promise.allSettled(added.map((channel) => shards.acquire(channel)));
    const failed = added.filter((_, index) => outcomes[index]!.status === 'rejected');
    if (failed.length > 0) {
      this.unfollowShards(client, failed, { acquired: false });
      const reason = outcomes.find((outcome) => outcome.status === 'rejected')?.reason as Error | undefined;
      throw new Error(
        `Redis refused to follow ${failed.map((c) => JSON.stringify(c)).join(', ')} (SSUBSCRIBE): ${reason?.message ?? 'unknown error'}`,
      );
    }
    return [...client.shards];
  }

  /** Stops following `channels`; `acquired: false` for ones whose SSUBSCRIBE failed, which hold no subscription. */
  private unfollowShards(client: Client, channels: string[], { acquired = true } = {}): string[] {
    for (const channel of channels) {
      if (!client.shards.delete(channel)) continue;
      const clients = this.byShard.get(channel);
      clients?.delete(client);
      if (clients?.size === 0) this.byShard.delete(channel);
      if (acquired) this.shards?.release(channel).catch((error: unknown) => log.error(`SUNSUBSCRIBE ${channel} failed`, error));
    }
    return [...client.shards];
  }

  /** Whether the observed pattern's PSUBSCRIBE receives everything `pattern` matches (it covers itself too). */
  private isCovered(pattern: string): boolean {
    return this.observePattern !== null && globCovers(this.observePattern, pattern);
  }

  /** The PSUBSCRIBEd pattern whose messages serve `pattern`: the observed one when it covers it, else itself. */
  private sourceOf(pattern: string): string {
    return this.isCovered(pattern) && this.observePattern !== null ? this.observePattern : pattern;
  }

  private psubscribe(pattern: string): void {
    this.subscribed.add(pattern);
    this.subscriptions.acquire(pattern).catch((error: unknown) => log.error(`PSUBSCRIBE ${pattern} failed`, error));
  }

  private punsubscribe(pattern: string): void {
    if (!this.byPattern.has(pattern)) this.subscribed.delete(pattern);
    this.subscriptions.release(pattern).catch((error: unknown) => log.error(`PUNSUBSCRIBE ${pattern} failed`, error));
  }

  private clientsOf(pattern: string): Set<Client> {
    let set = this.byPattern.get(pattern);
    if (!set) {
      this.byPattern.set(pattern, (set = new Set()));
      this.index.add(pattern);
    }
    return set;
  }
}

/** The first of the client's patterns, in subscription order, among those matching the message. */
function firstMatch(client: Client, matched: ReadonlySet<string>): string | undefined {
  for (const pattern of client.patterns) if (matched.has(pattern)) return pattern;
  return undefined;
}
