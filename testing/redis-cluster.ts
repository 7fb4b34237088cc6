import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrokerTarget } from '../lib/broker/target.ts';
import { findTool, freePort, MissingToolError } from './services.ts';
import { waitUntil } from './wait.ts';

const run = promisify(execFile);

/** How long a node may stay silent before the others count it failed: short, so a failover takes seconds. */
const NODE_TIMEOUT_MS = 1_000;

export interface RedisClusterOptions {
  /** Replicas per master: 1 for failover tests (6 nodes), else none (3 nodes). */
  replicas?: 0 | 1;
}

export interface RunningRedisCluster {
  /** Every node as `127.0.0.1:port`, comma-separated: a value for REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: readonly number[];
  /** The cluster as the portal's REDIS_CLUSTER_NODES would name it, seeds in `order` (by default all ports as started). */
  target(order?: readonly number[]): BrokerTarget;
  /** The ports of the masters, as the cluster sees them now. */
  masters(): Promise<number[]>;
  /** The port of the master serving `key`'s hash slot. */
  masterOf(key: string): Promise<number>;
  /** How many patterns the clients named `name` hold, per port of the running nodes they are connected to. */
  patternCounts(name: string): Promise<Map<number, number>>;
  /** Ends the node on `port` with SIGKILL, as a crash would; with replicas, one of its replicas takes over. */
  kill(port: number): Promise<void>;
  /** Starts a killed node again on its port and configuration; it rejoins, as a replica after a failover. */
  restart(port: number): Promise<void>;
  /** Resolves once every running node says `cluster_state:ok`, 3 running masters serve the slots and every replica is in sync. */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface ClusterNodeProcess {
  port: number;
  busPort: number;
  child: ChildProcess | null;
}

function tools(): { server: string; cli: string } {
  const server = findTool('redis-server');
  const cli = findTool('redis-cli');
  if (!server || !cli) throw new MissingToolError('redis-server/redis-cli', 'redis-server');
  return { server, cli };
}

/**
 * A throwaway Redis Cluster of 3 masters (and a replica each with `replicas: 1`) on free loopback ports,
 * keeping nothing but its node tables, in a temporary folder.
 * @example const cluster = await startRedisCluster(); process.env.REDIS_CLUSTER_NODES = cluster.nodes; after(() => cluster.stop());
 */
export async function startRedisCluster({ replicas = 0 }: RedisClusterOptions = {}): Promise<RunningRedisCluster> {
  const { server, cli } = tools();
  const dir = mkdtempSync(join(tmpdir(), 'portal-cluster-'));
  const nodes: ClusterNodeProcess[] = [];
  for (let i = 0; i < 3 * (1 + replicas); i++) nodes.push({ port: await freePort(), busPort: await freePort(), child: null });
  const redisCli = async (port: number, ...args: string[]): Promise<string> =>
    (await run(cli, ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' })).stdout;
  const answers = (port: number): Promise<boolean> =>
    redisCli(port, 'ping').then(
      (out) => out.trim() === 'PONG',
      () => false,
    );

  const launch = async (node: ClusterNodeProcess): Promise<void> => {
    const args = [
      ...['--port', String(node.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${node.port}.conf`, '--cluster-port', String(node.busPort)],
      ...['--cluster-node-timeout', String(NODE_TIMEOUT_MS)],
      // Replicas sync at once, not after the default 5 s wait for more of them: one never synced cannot take over.
      ...['--repl-diskless-sync-delay', '0'],
    ];
    node.child = spawn(server, args, { stdio: 'ignore' });
    await waitUntil(() => answers(node.port), `the cluster node on port ${node.port}`, 10_000);
  };
  const byPort = (port: number): ClusterNodeProcess => {
    const node = nodes.find((n) => n.port === port);
    if (!node) throw new Error(`no cluster node on port ${port}`);
    return node;
  };
  const anyRunning = (): number => {
    const running = nodes.find((n) => n.child !== null);
    if (!running) throw new Error('no node of the cluster is running');
    return running.port;
  };
  /** The masters that serve slots and are not failed: [port, 'from-to' slot ranges]. */
  const masterTable = async (): Promise<[number, string[]][]> => {
    const table = await redisCli(anyRunning(), 'cluster', 'nodes');
    return table
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter((fields) => fields[2]?.split(',').includes('master') && !fields[2].includes('fail') && fields.length > 8)
      .map((fields) => [Number(/:(\d+)@/.exec(fields[1] ?? '')?.[1]), fields.slice(8)]);
  };
  const masters = async (): Promise<number[]> => (await masterTable()).map(([port]) => port);
  const masterOf = async (key: string): Promise<number> => {
    const slot = Number(await redisCli(anyRunning(), 'cluster', 'keyslot', key));
    const owner = (await masterTable()).find(([, ranges]) =>
      ranges.some((range) => {
        const [from = -1, to = from] = range.split('-').map(Number);
        return slot >= from && slot <= to;
      }),
    );
    if (!owner) throw new Error(`no master serves slot ${slot} of ${key}`);
    return owner[0];
  };
  const patternCounts = async (name: string): Promise<Map<number, number>> => {
    const counts = new Map<number, number>();
    for (const node of nodes.filter((n) => n.child !== null)) {
      const clients = (await redisCli(node.port, 'client', 'list').catch(() => '')).split('\n');
      const held = clients
        .map((line) => new Map(line.split(' ').map((pair) => pair.split('=', 2) as [string, string])))
        .filter((client) => client.get('name') === name)
        .reduce((sum, client) => sum + Number(client.get('psub') ?? 0), 0);
      if (held > 0) counts.set(node.port, held);
    }
    return counts;
  };
  const settled = async (timeoutMs = 15_000): Promise<void> => {
    await waitUntil(
      async () => {
        const running = nodes.filter((n) => n.child !== null);
        const states = await Promise.all(running.map((n) => redisCli(n.port, 'cluster', 'info').catch(() => '')));
        if (!states.every((info) => /^cluster_state:ok/m.test(info))) return false;
        const links = await Promise.all(running.map((n) => redisCli(n.port, 'info', 'replication').catch(() => '')));
        if (links.some((info) => /^role:slave/m.test(info) && !/^master_link_status:up/m.test(info))) return false;
        const current = await masters();
        return current.length === 3 && current.every((port) => running.some((n) => n.port === port));
      },
      'the Redis Cluster to be ok on every node',
      timeoutMs,
    );
  };
  const stopNode = (node: ClusterNodeProcess, signal: NodeJS.Signals): Promise<void> => {
    const { child } = node;
    node.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  };

  try {
    await Promise.all(nodes.map(launch));
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run(cli, ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes']);
    await settled();
  } catch (error) {
    await Promise.all(nodes.map((n) => stopNode(n, 'SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    nodes: nodes.map((n) => `127.0.0.1:${n.port}`).join(','),
    ports: nodes.map((n) => n.port),
    target: (order = nodes.map((n) => n.port)) => ({ kind: 'cluster', nodes: order.map((port) => ({ host: '127.0.0.1', port })) }),
    masters,
    masterOf,
    patternCounts,
    kill: (port) => stopNode(byPort(port), 'SIGKILL'),
    restart: (port) => launch(byPort(port)),
    settled,
    async stop() {
      // SIGKILL: there is nothing to keep, and on SIGTERM a master waits up to 10 s for its replicas to catch up.
      await Promise.all(nodes.map((n) => stopNode(n, 'SIGKILL')));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
