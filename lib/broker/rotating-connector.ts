import { createConnection, type Socket } from 'node:net';
import { AbstractConnector, type RedisOptions } from 'ioredis';
import type { ClusterAddress } from './target.ts';

type ConnectorConstructor = NonNullable<RedisOptions['Connector']>;

/**
 * An ioredis `Connector` that dials the next of `addresses` on every (re)connection, starting with the first.
 * Every node of a Redis Cluster, replicas included, delivers every classic PUBLISH (the cluster bus carries it to
 * all of them), so a subscriber connection on any node sees all traffic; when that node is lost, the usual
 * reconnection lands on the next one and ioredis subscribes again there. Starting with the first keeps the
 * pattern subscriptions of portals with the same seed list on one node, which keeps PUBLISH's count exact
 * (see publishOnCluster).
 * @example new Redis({ Connector: rotatingConnector([{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7000 }]) })
 */
export function rotatingConnector(addresses: readonly ClusterAddress[]): ConnectorConstructor {
  if (addresses.length === 0) throw new Error('rotatingConnector needs at least one address');
  let next = 0;
  return class RotatingConnector extends AbstractConnector {
    constructor(options: unknown) {
      super((options as RedisOptions).disconnectTimeout ?? 2_000);
    }

    connect(): Promise<Socket> {
      const address = addresses[next++ % addresses.length]!;
      this.connecting = true;
      // As ioredis' own StandaloneConnector: dial on the next tick, unless disconnect() came first.
      return new Promise((resolve, reject) => {
        process.nextTick(() => {
          if (!this.connecting) return reject(new Error('Connection is closed.'));
          const stream = createConnection({ host: address.host, port: address.port });
          stream.once('error', (error) => (this.firstError = error));
          this.stream = stream;
          resolve(stream);
        });
      });
    }
  };
}
