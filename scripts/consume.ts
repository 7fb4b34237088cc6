/**
 * `npm run consume -- --topic orderCreated`: prints every event published on a topic, like the seed
 * system's consumer. `--pattern 'orders.*'` follows a Redis glob pattern instead.
 */
import { parseArgs } from 'node:util';
import { connectSubscriber } from '../lib/broker/redis.ts';
import { brokerTarget, readEnv } from '../lib/env.ts';

const { values } = parseArgs({ options: { topic: { type: 'string' }, pattern: { type: 'string' } } });
if (!values.topic && !values.pattern) {
  console.error('Name what to follow: npm run consume -- --topic orderCreated (or --pattern "orders.*")');
  process.exit(2);
}

// On a Redis Cluster any node carries every classic PUBLISH, so one node's connection hears them all.
const { redis } = connectSubscriber(brokerTarget(readEnv()), { connectionName: 'event-portal-consumer' });
const print = (channel: string, message: string): void => {
  console.log(`Received event on topic: ${channel}`);
  console.log(`Event data: ${message}`);
};
redis.on('message', print);
redis.on('pmessage', (_pattern: string, channel: string, message: string) => print(channel, message));
if (values.pattern) await redis.psubscribe(values.pattern);
if (values.topic) await redis.subscribe(values.topic);
console.error(`Listening on ${values.topic ?? values.pattern}; Ctrl+C to stop.`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (redis.disconnect(), process.exit(0)));
