import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';

/** One attack, running from `start` until the function it returns is called. */
export interface Attack {
  name: string;
  /** Sets the attack up (before any measurement); resolves once it is ready to run. */
  prepare(portal: string, redisUrl: string): Promise<void>;
  /** Starts the attack; the returned function stops it. */
  start(): () => Promise<void>;
  /** Closes what `prepare` opened. */
  close(): Promise<void>;
  /** Patterns the portal accepted, for an attack that follows some, and why it refused the first it did. */
  followed?: number;
  refusal?: string | undefined;
}

/** Runs `action` `perSecond` times a second, in ticks of 10 ms, until stopped. */
function paced(perSecond: number, action: () => Promise<unknown>): () => Promise<void> {
  const pending = new Set<Promise<unknown>>();
  const timer = setInterval(() => {
    for (let i = 0; i < perSecond / 100; i++) {
      const sent = action().catch(() => undefined);
      pending.add(sent);
      void sent.finally(() => pending.delete(sent));
    }
  }, 10);
  return async () => {
    clearInterval(timer);
    await Promise.all(pending);
  };
}

const postYaml = (portal: string, yaml: string): Promise<Response> =>
  fetch(`${portal}/api/documents`, { method: 'POST', body: yaml, headers: { 'Content-Type': 'application/yaml' } });

/** Attack 2 of the issue: a schema pattern that backtracks natively, matched by live messages and /api/publish. */
export function redosAttack(): Attack {
  let portal = '';
  let redis: Redis | null = null;
  const hostile = JSON.stringify({ id: `${'a'.repeat(30)}!` });
  return {
    name: 'ReDoS: `^(a+)+$` on 1,000 live messages a second, and 50 POST /api/publish a second',
    async prepare(url, redisUrl) {
      portal = url;
      redis = new Redis(redisUrl);
      const response = await postYaml(
        portal,
        `asyncapi: 3.0.0
info: { title: Hostile Bench, version: 1.0.0 }
channels:
  ids:
    address: bench.redos
    messages:
      Id: { payload: { type: object, properties: { id: { type: string, pattern: '^(a+)+$' } } } }
operations:
  sendId: { action: send, channel: { $ref: '#/channels/ids' } }
`,
      );
      if (response.status >= 300) throw new Error(`registering the ReDoS document: ${response.status} ${await response.text()}`);
    },
    start() {
      const stopLive = paced(1_000, () => redis!.publish('bench.redos', hostile));
      const stopPublish = paced(50, () =>
        fetch(`${portal}/api/publish`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            topic: 'bench.redos',
            payload: hostile,
            schema: { slug: 'hostile-bench', version: '1.0.0', channel: 'ids', message: 'Id' },
          }),
        }),
      );
      return async () => {
        await Promise.all([stopLive(), stopPublish()]);
      };
    },
    async close() {
      await redis?.quit();
    },
  };
}

/** A Socket.IO client once connected, retried for a few seconds while the sockets of an earlier attack close. */
async function connectedSocket(portal: string): Promise<Socket> {
  for (let attempt = 0; ; attempt++) {
    const socket = io(portal, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error | null>((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', resolve);
    });
    if (!error) return socket;
    socket.disconnect();
    if (attempt >= 50) throw new Error(`connecting to the portal: ${error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The issue's pattern, cut to the length limit: a star, `a`s and a distinct literal end. */
const keyedPattern = (n: number): string => `*${'a'.repeat(245)}b-i-k${String(n).padStart(4, '0')}`;

const LETTERS = 'bcdefghijklmnopqrstuvwxyz';
/**
 * No literal start or end to file it under, the same literal run as every other, and the longest wildcard run the
 * portal allows between two stars: tried in full on each new channel.
 */
const unkeyedPattern = (n: number): string => `*${'a'.repeat(27)}[${LETTERS[n % 25]}][${LETTERS[Math.floor(n / 25) % 25]}]???*`;

/**
 * Attack 3: anonymous sockets following the longest star patterns the portal allows, while long channels are
 * published through `POST /topics` as the issue did, and straight to Redis at 1,000 a second (a new channel
 * name each time, so no remembered match helps).
 */
export function globAttack(kind: 'keyed' | 'unkeyed'): Attack {
  let portal = '';
  let followed = 0;
  let redis: Redis | null = null;
  const sockets: Socket[] = [];
  const attack: Attack = {
    name: `glob, ${kind}: 20 sockets × 32 patterns of up to 256 characters; new 1,024-character channels, 1,000/s on Redis + 100/s POST /topics`,
    async prepare(url, redisUrl) {
      portal = url;
      redis = new Redis(redisUrl);
      for (let s = 0; s < 20; s++) {
        const socket = await connectedSocket(portal);
        sockets.push(socket);
        const patterns = Array.from({ length: 32 }, (_, p) => (kind === 'keyed' ? keyedPattern(s * 32 + p) : unkeyedPattern(s * 32 + p)));
        // One at a time: the portal refuses those past its limits, and the attack goes on with the rest.
        for (const pattern of patterns) {
          const ack = (await socket.emitWithAck('tail:subscribe', { patterns: [pattern] })) as { ok: boolean; error?: string };
          if (ack.ok) followed += 1;
          else attack.refusal ??= ack.error;
        }
      }
      attack.followed = followed;
    },
    start() {
      let n = 0;
      const channel = (): string => `${'a'.repeat(1_016)}${String(n++).padStart(8, '0')}`;
      const stopRedis = paced(1_000, () => redis!.publish(channel(), 'x'));
      const stopTopics = paced(100, () =>
        fetch(`${portal}/topics/${channel()}`, { method: 'POST', body: 'x' }).then((r) => r.arrayBuffer()),
      );
      return async () => {
        await Promise.all([stopRedis(), stopTopics()]);
      };
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await redis?.quit();
    },
  };
  return attack;
}

/**
 * Attack 5: the 600-byte YAML alias bomb, registered over and over at a steady rate (a flood of any request at
 * full speed is a matter for rate limiting, not this bench).
 */
export function aliasBombAttack(): Attack {
  let portal = '';
  const lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `l${i}: &l${i} [${Array(9)
        .fill(`*l${i - 1}`)
        .join(',')}]`,
    );
  const bomb = `asyncapi: 3.0.0\ninfo: { title: Bomb, version: 1.0.0 }\n${lines.join('\n')}\n`;
  return {
    name: 'alias bomb: 600 bytes expanding to 9^9 values, 20 registrations a second',
    async prepare(url) {
      portal = url;
      const response = await postYaml(portal, bomb);
      if (response.status !== 422) throw new Error(`the alias bomb was not refused: ${response.status}`);
    },
    start: () => paced(20, () => postYaml(portal, bomb).then((r) => r.arrayBuffer())),
    close: () => Promise.resolve(),
  };
}
