/** The live benchmarks' harness: child processes (children.ts) driven over IPC, and the figures they report. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./children.ts', import.meta.url));

export interface Tally {
  count: number;
  first: number;
  last: number;
  latencies: number[];
}

export type Message = { type: string; [key: string]: unknown };

export function start(role: string, ...args: string[]): Promise<{ child: ChildProcess; ready: Message }> {
  const child = fork(CHILD, [role, ...args], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return next(child, 'ready').then((ready) => ({ child, ready }));
}

/** Ends a child and waits until it has exited, so the next measurement starts with its cores and ports free. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

export function next(child: ChildProcess, type: string): Promise<Message> {
  return new Promise((resolve) => {
    const on = (message: Message): void => {
      if (message.type !== type) return;
      child.off('message', on);
      resolve(message);
    };
    child.on('message', on);
  });
}

async function tally(receiver: ChildProcess): Promise<Tally> {
  const reply = next(receiver, 'tally');
  receiver.send({});
  return (await reply) as unknown as Tally;
}

/** Publishes `total` messages (at `rate`/s, or flat out) and waits until the receiver has them all or stops getting more. */
export async function run(publisher: ChildProcess, receiver: ChildProcess, total: number, rate?: number, asJson = false): Promise<Tally> {
  await tally(receiver);
  const done = next(publisher, 'published');
  publisher.send({ total, rate, asJson });
  await done;
  let last = -1;
  let seen = 0;
  const merged: Tally = { count: 0, first: 0, last: 0, latencies: [] };
  while (seen !== last) {
    last = seen;
    await new Promise((r) => setTimeout(r, 500));
    const t = await tally(receiver);
    if (t.count > 0 && merged.first === 0) merged.first = t.first;
    if (t.count > 0) merged.last = t.last;
    merged.count += t.count;
    for (const latency of t.latencies) merged.latencies.push(latency);
    seen = merged.count;
  }
  return merged;
}

export const rateOf = (t: Tally): number => t.count / ((t.last - t.first) / 1000);
export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
export const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
