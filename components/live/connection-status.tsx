import type { BrokerState } from '../../lib/broker/redis.ts';
import type { SocketState } from './tail-link.ts';

type Tone = 'ok' | 'pending' | 'down';

/**
 * One line on the tail's health: the page's socket to the portal first, then the portal's link to Redis.
 * Only the healthy state contains the word "connected", so a check for it cannot pass early.
 */
export function ConnectionStatus({ socket, broker }: { socket: SocketState; broker: BrokerState | null }) {
  const [tone, text] = describe(socket, broker);
  return (
    <p className="live-status" role="status" data-tone={tone}>
      <span className="live-status__dot" aria-hidden="true" />
      {text}
    </p>
  );
}

function describe(socket: SocketState, broker: BrokerState | null): [Tone, string] {
  if (socket === 'connecting') return ['pending', 'Connecting to the portal…'];
  if (socket === 'disconnected') return ['down', 'Lost the portal, reconnecting…'];
  if (broker === 'unreachable') return ['down', 'Broker unreachable, retrying'];
  if (broker === 'connecting') return ['pending', 'Waiting for the broker…'];
  return ['ok', 'Connected'];
}
