import type { Metadata } from 'next';
import Link from 'next/link';
import { SilentTable, UndocumentedTable, UnsubscribedTable } from '../../components/drift/drift-tables.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { currentDrift } from '../../lib/drift/service.ts';
import { DEFAULT_DRIFT_WINDOW, DRIFT_WINDOWS, parseWindow } from '../../lib/drift/window.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Drift' };

type Props = { searchParams: Promise<{ window?: string | string[] }> };

export default async function DriftPage({ searchParams }: Props) {
  const requested = [(await searchParams).window].flat()[0] ?? DEFAULT_DRIFT_WINDOW;
  const valid = parseWindow(requested) !== null;
  const window = valid ? requested : DEFAULT_DRIFT_WINDOW;
  const report = await currentDrift(services(), parseWindow(window) ?? 0);

  return (
    <>
      <PageHeader
        title="Drift"
        description="Where the broker and the catalogue disagree: traffic nobody documented, documented channels nobody uses."
        actions={
          <Link className="button" href={`/drift?window=${window}`}>
            Refresh
          </Link>
        }
      />
      {!valid && (
        <p className="notice notice--error" role="alert">
          “{requested}” is not a window this page offers; showing {DEFAULT_DRIFT_WINDOW}.
        </p>
      )}

      <section className="section" aria-labelledby="drift-undocumented-title">
        <h2 id="drift-undocumented-title" className="section__title">
          Undocumented channels <span className="muted">({report.undocumented.length})</span>
        </h2>
        {report.undocumented.length === 0 ? (
          <EmptyState title="Every channel seen is documented">
            <p>Channels that appear on the broker but match no catalogued address will be listed here.</p>
          </EmptyState>
        ) : (
          <UndocumentedTable channels={report.undocumented} />
        )}
      </section>

      <section className="section" aria-labelledby="drift-silent-title">
        <h2 id="drift-silent-title" className="section__title">
          Silent catalogued channels <span className="muted">({report.silent.length})</span>
        </h2>
        <form className="drift-window" action="/drift" method="get">
          <label htmlFor="drift-window">Silent for</label>
          <select id="drift-window" name="window" defaultValue={window}>
            {DRIFT_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
          <button className="button" type="submit">
            Apply
          </button>
        </form>
        {report.silent.length === 0 ? (
          <EmptyState title={`Every catalogued channel had traffic in the last ${window}`}>
            <p>Channels documented in the catalogue but quiet on the broker will be listed here.</p>
          </EmptyState>
        ) : (
          <SilentTable channels={report.silent} since={report.since} />
        )}
      </section>

      <section className="section" aria-labelledby="drift-unsubscribed-title">
        <h2 id="drift-unsubscribed-title" className="section__title">
          Documented channels with no subscriber now {report.unsubscribed && <span className="muted">({report.unsubscribed.length})</span>}
        </h2>
        <p className="muted">
          Counted with PUBSUB NUMSUB: plain SUBSCRIBE clients only, so pattern subscribers (this portal among them) do not count.
          {report.parameterisedNotChecked > 0 && ` ${report.parameterisedNotChecked} addresses with parameters cannot be checked this way.`}
        </p>
        {report.unsubscribed === null ? (
          <p className="notice notice--error" role="alert">
            The broker is unreachable, so subscribers cannot be counted: {report.brokerError}
          </p>
        ) : report.unsubscribed.length === 0 ? (
          <EmptyState title="Every documented channel has a subscriber">
            <p>Channels with no SUBSCRIBE client will be listed here.</p>
          </EmptyState>
        ) : (
          <UnsubscribedTable channels={report.unsubscribed} />
        )}
      </section>
    </>
  );
}
