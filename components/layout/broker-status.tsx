'use client';

import { useEffect, useState } from 'react';
import type { BrokerState as SocketBrokerState } from '../../lib/broker/redis.ts';
import { useVisiblePolling } from '../ui/use-visible-polling.ts';
import { onBrokerState } from './broker-state-signal.ts';

const POLL_MS = 10_000;

type BrokerState =
  | { state: 'checking' }
  | { state: 'up' }
  | { state: 'reconnecting' }
  | { state: 'down'; error: string }
  | { state: 'unknown'; error: string };

interface HealthBody {
  broker?: { status?: string; error?: string };
}

/**
 * A small badge that says whether the portal can reach the Redis broker: at once from the `broker:state` event
 * where the page has a live socket (the live tail), and from polling /api/health everywhere, as a fallback.
 */
export function BrokerStatus() {
  const [broker, setBroker] = useState<BrokerState>({ state: 'checking' });

  useVisiblePolling({ fetch: readBrokerState, onAnswer: setBroker, intervalMs: POLL_MS });
  useEffect(() => onBrokerState((state) => setBroker(fromSocket(state))), []);

  return (
    <span className="broker-badge" role="status" data-state={broker.state} title={'error' in broker ? broker.error : undefined}>
      <span className="broker-badge__dot" aria-hidden="true" />
      <span className="broker-badge__text">{LABELS[broker.state]}</span>
    </span>
  );
}

const LABELS: Record<BrokerState['state'], string> = {
  checking: 'Checking broker…',
  up: 'Broker connected',
  reconnecting: 'Broker reconnecting…',
  down: 'Broker unreachable',
  unknown: 'Broker status unknown',
};

function fromSocket(state: SocketBrokerState): BrokerState {
  if (state === 'ready') return { state: 'up' };
  if (state === 'connecting') return { state: 'reconnecting' };
  return { state: 'down', error: 'The portal lost its connection to Redis.' };
}

/** The broker's state from /api/health; null when the request was aborted. */
async function readBrokerState(signal: AbortSignal): Promise<BrokerState | null> {
  try {
    // The health answer is 503 when the database is down, but still reports the broker.
    const response = await fetch('/api/health', { cache: 'no-store', signal });
    const body = (await response.json()) as HealthBody;
    if (body.broker?.status === 'up') return { state: 'up' };
    if (body.broker?.status === 'down') return { state: 'down', error: body.broker.error ?? 'The broker did not answer.' };
    return { state: 'unknown', error: `Unexpected health answer (HTTP ${response.status}).` };
  } catch (error) {
    if (signal.aborted) return null;
    return { state: 'unknown', error: `The portal did not answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
