import { services } from '../services.ts';
import { draftDocument } from './draft.ts';
import { driftReport, type DriftReport } from './report.ts';

/** The drift report of the running portal: its traffic so far against the catalogue and the broker. */
export function currentDrift(windowMs: number): Promise<DriftReport> {
  const { traffic, broker } = services();
  return driftReport(traffic.snapshot(), { windowMs, countSubscribers: broker.subscriberCounts });
}

/** A draft document for an undocumented channel from its latest payload, or null when it has not been seen. */
export function draftForChannel(channel: string): string | null {
  const seen = services().traffic.snapshot().undocumented.find((u) => u.channel === channel);
  return seen ? draftDocument(seen.channel, seen.samplePayload) : null;
}
