import type { StoreClient } from '../../prisma/db.ts';
import { insertAuditEvents, type AuditRow } from '../../prisma/store/audit.ts';
import { isDatabaseUnreachable } from '../../prisma/unreachable.ts';
import { PublishBacklogError, PublishOutcomeUnknownError } from '../errors.ts';
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

/**
 * How long each send of a group has to be confirmed: far more than a PUBLISH takes (under a millisecond on one
 * server, a few round trips on a cluster), and less than a caller waits. Without it a Redis that stops answering
 * while its connection stays up (SIGSTOPped, or behind a proxy that swallows replies) would hold the group's
 * transaction open until it timed out, losing the rows of the events that did go out, and every publish on the
 * database would wait behind it.
 *
 * The deadline is a race here rather than ioredis' `commandTimeout`, which would reject the command's promise just the
 * same (neither unsends it): that option is a whole connection's, and the connection a publish goes out on is the
 * portal's only command connection, also used by the sign-in limits and the deferred queue, whose XADD in doubt is
 * settled by reading the stream on it afterwards (a timeout there would end as a 500, not as a
 * DeferredOutcomeUnknownError); ioredis also starts its timer on commands held in the offline queue, which would fail
 * a `queueWhileDown` connection's commands; and on a cluster one send is several commands (PUBSUB NUMPAT on every
 * node, the PUBLISH, PUBSUB NUMSUB), each of which it would allow the whole time.
 */
export const SEND_DEADLINE_MS = 3_000;

/**
 * A group's transaction, set rather than left to Prisma's defaults (2 s to open, 5 s in all): 10 s in all leaves 7 s
 * beyond the sends' deadline for the insert and the commit, so that a Redis that stops answering ends at the sends'
 * deadline and never in a transaction that times out after its events went out. It still bounds a database that
 * hangs. Opening keeps Prisma's 2 s: a pool that cannot give a connection by then is a database too busy (a 503).
 */
const TRANSACTION = { maxWait: 2_000, timeout: 10_000 } as const;

/** Thrown inside a group's transaction to roll it back when some of its sends failed. */
class SomeSendsFailed extends Error {}

/**
 * Audited sends on one database, committed in groups: while one group's transaction runs, the sends that arrive queue
 * up and go together in the next (up to MAX_GROUP), so a burst of publishes costs one transaction per group instead of
 * one each, and a lone send waits for nothing. Each group keeps the promise of `sendAudited`:
 *   - its rows are inserted in an open transaction before any of its events is sent (a database that is down refuses
 *     them, and nothing is sent);
 *   - then the events are sent, all at once in arrival order (one Redis server's connection keeps it; on a cluster,
 *     where each publish first asks every node for its pattern count, concurrent ones may go out in another order),
 *     each with SEND_DEADLINE_MS to be confirmed: one that is not is rejected with a PublishOutcomeUnknownError (it may
 *     have gone out, so it is not to be retried blindly), logged, and counts as failed, so that the group goes on;
 *   - then the rows commit. When some sends fail, the transaction is rolled back and only the sent events' rows are
 *     stored again, so a failed send, or one in doubt, is never audited as done. A commit that fails after the events
 *     went out is logged with the rows it lost, as for a single send.
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
        const settled = await Promise.allSettled(group.map(sendInTime));
        state.outcomes = settled;
        if (settled.some((outcome) => outcome.status === 'rejected')) throw new SomeSendsFailed();
        return settled;
      }, TRANSACTION);
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
      await this.db.$transaction((tx) => insertAuditEvents(tx, sent.map(rowOf)), TRANSACTION);
    } catch (error) {
      return lostRows(sent, error);
    }
    settle(group, outcomes, (outcome) => outcome.status === 'fulfilled');
  }
}

/**
 * The send of `pending`, or a PublishOutcomeUnknownError once SEND_DEADLINE_MS pass without its outcome. That is
 * logged with the entry, and so is what the send comes to later: a late confirmation is an event sent without its row.
 */
function sendInTime(pending: PendingSend): Promise<unknown> {
  const { entry } = pending;
  const sentAt = Date.now();
  const sending = pending.send();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      log.error(
        `an audited ${entry.action} was not confirmed by Redis within ${SEND_DEADLINE_MS} ms: it may have been sent, and has no audit row: ${JSON.stringify(entry)}`,
      );
      sending.then(
        () =>
          log.error(
            `the audited ${entry.action} to ${entry.target} in doubt was confirmed ${Date.now() - sentAt} ms after it was sent; it has no audit row`,
          ),
        (error: unknown) =>
          log.warn(
            `the audited ${entry.action} to ${entry.target} in doubt failed after all: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
      reject(new PublishOutcomeUnknownError(SEND_DEADLINE_MS, entry.target));
    }, SEND_DEADLINE_MS);
  });
  return Promise.race([sending, deadline]).finally(() => clearTimeout(timer));
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
