import type { BrokerState } from '../../lib/broker/redis.ts';

/** The window event that carries the broker's state from a page's live socket to the header's badge. */
const EVENT = 'portal:broker-state';

/** Tells the header what the live socket's `broker:state` said, at once. */
export function announceBrokerState(state: BrokerState): void {
  window.dispatchEvent(new CustomEvent<BrokerState>(EVENT, { detail: state }));
}

/**
 * Calls `listener` with each state a page's live socket announces; returns the unsubscribe.
 * @example useEffect(() => onBrokerState((state) => setBroker(state)), []);
 */
export function onBrokerState(listener: (state: BrokerState) => void): () => void {
  const handle = (event: Event): void => {
    const { detail } = event as CustomEvent<unknown>;
    if (detail === 'connecting' || detail === 'ready' || detail === 'unreachable') listener(detail);
  };
  window.addEventListener(EVENT, handle);
  return () => window.removeEventListener(EVENT, handle);
}
