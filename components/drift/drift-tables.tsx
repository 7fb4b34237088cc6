import Link from 'next/link';
import type { ReactNode } from 'react';
import { LocalTime } from '../queue/local-time.tsx';
import type { CataloguedChannelTraffic, UndocumentedChannelTraffic } from '../../lib/conformance/traffic.ts';
import type { UnsubscribedChannel } from '../../lib/drift/report.ts';
import './drift.css';

const SAMPLE_PREVIEW_CHARS = 240;

/** Channels seen on the broker that the catalogue does not describe, each with a way to draft a document. */
export function UndocumentedTable({ channels }: { channels: UndocumentedChannelTraffic[] }) {
  return (
    <div className="table-wrap">
      <table className="table drift-table" data-testid="drift-undocumented">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Messages</th>
            <th scope="col">Last seen</th>
            <th scope="col">Sample payload</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.channel}>
              <td className="mono address">{c.channel}</td>
              <td>{c.messages.toLocaleString('en')}</td>
              <td>
                <LocalTime ms={c.lastSeen} />
              </td>
              <td>
                <code className="drift-sample">{preview(c.samplePayload)}</code>
              </td>
              <td>
                <Link
                  className="button"
                  href={`/documents/new?draft=${encodeURIComponent(c.channel)}`}
                  aria-label={`Start a draft for ${c.channel}`}
                >
                  Start a draft
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Catalogued channels with no traffic in the chosen window. */
export function SilentTable({ channels, since }: { channels: CataloguedChannelTraffic[]; since: number }) {
  return (
    <CataloguedTable
      testId="drift-silent"
      channels={channels}
      extra={{
        heading: 'Last seen',
        cell: (c) =>
          c.lastSeen === null ? (
            <span className="muted">
              never since <LocalTime ms={since} />
            </span>
          ) : (
            <LocalTime ms={c.lastSeen} />
          ),
      }}
    />
  );
}

/** Catalogued channels without a single SUBSCRIBE client right now. */
export function UnsubscribedTable({ channels }: { channels: UnsubscribedChannel[] }) {
  return <CataloguedTable testId="drift-unsubscribed" channels={channels} />;
}

/** A table of catalogued channels, each with its document, and optionally one more column. */
function CataloguedTable<C extends UnsubscribedChannel>({
  testId,
  channels,
  extra,
}: {
  testId: string;
  channels: C[];
  extra?: { heading: string; cell: (channel: C) => ReactNode };
}) {
  return (
    <div className="table-wrap">
      <table className="table drift-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Document</th>
            {extra && <th scope="col">{extra.heading}</th>}
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={`${c.slug}/${c.channelKey}`}>
              <td className="mono address">{c.address}</td>
              <td>
                <Link href={`/documents/${encodeURIComponent(c.slug)}`}>{c.title}</Link> <span className="muted">{c.version}</span>
              </td>
              {extra && <td>{extra.cell(c)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function preview(payload: string): string {
  return payload.length > SAMPLE_PREVIEW_CHARS ? `${payload.slice(0, SAMPLE_PREVIEW_CHARS)}…` : payload;
}
