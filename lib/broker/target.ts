/** One node of a Redis Cluster, as REDIS_CLUSTER_NODES names it. */
export interface ClusterAddress {
  host: string;
  port: number;
}

/** Where the broker is: one Redis server (REDIS_URL), or a Redis Cluster found through its seed nodes (REDIS_CLUSTER_NODES). */
export type BrokerTarget = { kind: 'server'; url: string } | { kind: 'cluster'; nodes: readonly ClusterAddress[] };

export const DEFAULT_REDIS_URL = 'redis://localhost:6379';

const ADDRESS = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):([0-9]{1,5})$/;

/**
 * Reads `host:port,host:port` (IPv6 hosts in brackets); answers the addresses, or the items that are not one.
 * @example parseClusterNodes('10.0.0.1:7000, 10.0.0.2:7000') // { nodes: [{ host: '10.0.0.1', port: 7000 }, ...] }
 */
export function parseClusterNodes(text: string): { nodes: ClusterAddress[] } | { invalid: string[] } {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const parsed = items.map((item): ClusterAddress | null => {
    const [, ipv6, host, port] = ADDRESS.exec(item) ?? [];
    const number = Number(port);
    return port !== undefined && number >= 1 && number <= 65535 ? { host: ipv6 ?? host ?? '', port: number } : null;
  });
  const invalid = items.filter((_, i) => parsed[i] === null);
  if (invalid.length > 0 || items.length === 0) return { invalid };
  return { nodes: parsed.filter((node) => node !== null) };
}

/** The target for logs: the server's URL without its password, or the cluster's seed nodes. */
export function describeBrokerTarget(target: BrokerTarget): string {
  if (target.kind === 'cluster') return `Redis Cluster via ${target.nodes.map(formatAddress).join(',')}`;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}

export function formatAddress({ host, port }: ClusterAddress): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
