import type { StoreClient } from '../../prisma/db.ts';
import { insertAuditEvents, type AuditRow } from '../../prisma/store/audit.ts';
import { isDatabaseUnreachable } from '../../prisma/unreachable.ts';
import { PublishBacklogError } from '../errors.ts';
import { log } from '../log.ts';
import type { AuditEntry } from './types.ts';

interface PendingSend {
  entry: AuditEntry;
  send: () => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most sends one transaction carries: a burst larger than this commits in several. */
export const MAX_GROUP = 64;
/** The most sends waiting for a group, each holding its payload (up to 1 MB): past it, new ones are refused. */
export const MAX_WAITING = 1_024;

/** Thrown inside a group's transaction to roll it back when some of its sends failed. */
class SomeSendsFailed extends Error {}

/**
 * Audited sends on one database, committed in groups: while one group's transaction runs, the sends that arrive queue
 * up and go together in the next (up to MAX_GROUP), so a burst of publishes costs one transaction per group instead of
 * one each, and a lone send waits for nothing. Each group keeps the promise of `sendAudited`:
 *   - its rows are inserted in an open transaction before any of its events is sent (a database that is down refuses
 *     them, and nothing is sent);
 *   - then the events are sent, all at once in arrival order (one Redis server's connection keeps it; on a cluster,
 *     where each publish first asks every node for its pattern count, concurrent ones may go out in another order);
 *   - then the rows commit. When some sends fail, the transaction is rolled back and only the sent events' rows are
 *     stored again, so a failed send is never audited as done. A commit that fails after the events went out is logged
 *     with the rows it lost, as for a single send.
 * A group whose rows cannot be stored (one bad row fails the whole insert) is retried one send at a time, so one
 * caller's row does not fail the others.
 * @example const sends = new GroupedAuditedSends(db); await sends.send(entry, () => broker.publish(topic, body));
 */
export class GroupedAuditedSends {
  private readonly waiting: PendingSend[] = [];
  private draining = false;

  constructor(private readonly db: StoreClient) {}

  send<T>(entry: AuditEntry, send: () => Promise<T>): Promise<T> {
    if (this.waiting.length >= MAX_WAITING) return Promise.reject(new PublishBacklogError(this.waiting.length));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ entry, send, resolve: resolve as (result: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) await this.commitGroup(this.waiting.splice(0, MAX_GROUP));
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: PendingSend[]): Promise<void> {
    // Set inside the transaction's callback, read after it fails.
    const state: { outcomes: PromiseSettledResult<unknown>[] | null } = { outcomes: null };
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await this.db.$transaction(async (tx) => {
        await insertAuditEvents(tx, group.map(rowOf));
        const settled = await Promise.allSettled(group.map((pending) => pending.send()));
        state.outcomes = settled;
        if (settled.some((outcome) => outcome.status === 'rejected')) throw new SomeSendsFailed();
        return settled;
      });
    } catch (error) {
      if (state.outcomes === null) return this.nothingSent(group, error);
      if (error instanceof SomeSendsFailed) return this.storeSentOnly(group, state.outcomes);
      return lostRows(group, error);
    }
    settle(group, outcomes);
  }

  /**
   * The rows were refused before anything was sent. A database out of reach refuses each of them alike; otherwise one
   * row may be at fault, so each goes again alone and fails, or not, by itself.
   */
  private async nothingSent(group: PendingSend[], error: unknown): Promise<void> {
    if (group.length === 1 || isDatabaseUnreachable(error)) {
      for (const pending of group) pending.reject(error);
      return;
    }
    for (const pending of group) await this.commitGroup([pending]);
  }

  /** Some sends failed: those reject, and the rows of the ones that went out are stored in a transaction of their own. */
  private async storeSentOnly(group: PendingSend[], outcomes: PromiseSettledResult<unknown>[]): Promise<void> {
    const sent = group.filter((_, index) => outcomes[index]!.status === 'fulfilled');
    group.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.status === 'rejected') pending.reject(outcome.reason);
    });
    if (sent.length === 0) return;
    try {
      await this.db.$transaction((tx) => insertAuditEvents(tx, sent.map(rowOf)));
    } catch (error) {
      return lostRows(sent, error);
    }
    settle(group, outcomes, (outcome) => outcome.status === 'fulfilled');
  }
}

function settle(
  group: PendingSend[],
  outcomes: PromiseSettledResult<unknown>[],
  only: (outcome: PromiseSettledResult<unknown>) => boolean = () => true,
): void {
  group.forEach((pending, index) => {
    const outcome = outcomes[index]!;
    if (!only(outcome)) return;
    if (outcome.status === 'fulfilled') pending.resolve(outcome.value);
    else pending.reject(outcome.reason);
  });
}

/** Events that went out but whose rows did not commit: logged with their rows, and the callers told it failed. */
function lostRows(sent: PendingSend[], error: unknown): void {
  for (const pending of sent) {
    log.error(`an audited ${pending.entry.action} was sent but its audit row failed to commit: ${JSON.stringify(pending.entry)}`, error);
    pending.reject(error);
  }
}

function rowOf({ entry }: PendingSend): AuditRow {
  return { actor: entry.actor, action: entry.action, target: entry.target, detail: entry.detail, ip: entry.ip };
}
