import pg from 'pg';
import type { Prisma } from '../generated/client.ts';

/** The PostgreSQL channel every portal instance LISTENs on for catalogue changes. */
export const CATALOGUE_CHANNEL = 'portal_catalogue';

/**
 * Announces a catalogue change from inside its transaction: PostgreSQL delivers a NOTIFY only when the transaction
 * commits (and drops it on rollback), so every instance hears of exactly the changes that were stored. The payload
 * names the instance that made it, which already knows.
 * @example await db.$transaction(async (tx) => { …; await announceCatalogueChange(tx, instanceId); });
 */
export async function announceCatalogueChange(tx: Prisma.TransactionClient, instanceId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${CATALOGUE_CHANNEL}, ${instanceId})`;
}

export interface CatalogueChangeListener {
  stop(): Promise<void>;
}

export interface ListenOptions {
  url: string;
  /** This instance's id: its own announcements are skipped. */
  instanceId: string;
  /** Called for each change another instance made, and once after each reconnection (changes may have been missed). */
  onChange: () => void;
  onError: (error: Error) => void;
  /** The wait before reconnecting after the connection is lost; doubles up to 5 s. */
  retryMs?: number;
}

/**
 * LISTENs on its own PostgreSQL connection for the changes other instances announce, reconnecting when the
 * connection is lost (a restart, a failover) and then reporting one change, since NOTIFYs sent meanwhile are gone.
 * @example const listener = await listenForCatalogueChanges({ url, instanceId, onChange: () => catalogue.changedElsewhere(), onError });
 */
export async function listenForCatalogueChanges(options: ListenOptions): Promise<CatalogueChangeListener> {
  const initialRetry = options.retryMs ?? 200;
  let retry = initialRetry;
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.url, application_name: 'event-portal-catalogue-listener' });
    next.on('notification', (message) => {
      if (message.channel === CATALOGUE_CHANNEL && message.payload !== options.instanceId) options.onChange();
    });
    next.on('error', (error) => {
      options.onError(error);
      reconnectLater(next);
    });
    next.on('end', () => reconnectLater(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${CATALOGUE_CHANNEL}`);
    } catch (error) {
      next.removeAllListeners('end');
      await next.end().catch(() => undefined);
      throw error;
    }
    // Stopped while it connected: it must not outlive stop().
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
  }

  function reconnectLater(lost: pg.Client): void {
    if (stopped || client !== lost) return;
    client = null;
    lost.removeAllListeners('end');
    void lost.end().catch(() => undefined);
    timer = setTimeout(() => void attempt(), retry);
    retry = Math.min(retry * 2, 5_000);
  }

  async function attempt(): Promise<void> {
    timer = null;
    try {
      await connect();
      if (stopped) return;
      retry = initialRetry;
      options.onChange();
    } catch (error) {
      options.onError(error as Error);
      if (!stopped) {
        timer = setTimeout(() => void attempt(), retry);
        retry = Math.min(retry * 2, 5_000);
      }
    }
  }

  await connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
