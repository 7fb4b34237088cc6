import Link from 'next/link';
import { LocalTime } from '../queue/local-time.tsx';
import { Table, type TableColumn } from '../ui/table.tsx';
import type { CataloguedChannelTraffic, UndocumentedChannelTraffic } from '../../lib/conformance/traffic.ts';
import type { UnsubscribedChannel } from '../../lib/drift/report.ts';
import './drift.css';

const SAMPLE_PREVIEW_CHARS = 240;

const UNDOCUMENTED_COLUMNS: TableColumn<UndocumentedChannelTraffic>[] = [
  { header: 'Channel', className: 'mono address', cell: (c) => c.channel },
  { header: 'Messages', cell: (c) => c.messages.toLocaleString('en') },
  { header: 'Last seen', cell: (c) => <LocalTime ms={c.lastSeen} /> },
  { header: 'Sample payload', cell: (c) => <code className="drift-sample">{preview(c.samplePayload)}</code> },
  {
    header: <span className="visually-hidden">Action</span>,
    cell: (c) => (
      <Link className="button" href={`/documents/new?draft=${encodeURIComponent(c.channel)}`} aria-label={`Start a draft for ${c.channel}`}>
        Start a draft
      </Link>
    ),
  },
];

/** Channels seen on the broker that the catalogue does not describe, each with a way to draft a document. */
export function UndocumentedTable({ channels }: { channels: UndocumentedChannelTraffic[] }) {
  return (
    <Table
      columns={UNDOCUMENTED_COLUMNS}
      rows={channels}
      rowKey={(c) => c.channel}
      className="drift-table"
      testId="drift-undocumented"
      label="Undocumented channels"
    />
  );
}

/** Catalogued channels with no traffic in the chosen window. */
export function SilentTable({ channels, since }: { channels: CataloguedChannelTraffic[]; since: number }) {
  return (
    <CataloguedTable
      testId="drift-silent"
      label="Silent channels"
      channels={channels}
      extra={{
        header: 'Last seen',
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
  return <CataloguedTable testId="drift-unsubscribed" label="Channels without a subscriber" channels={channels} />;
}

/** A table of catalogued channels, each with its document, and optionally one more column. */
function CataloguedTable<C extends UnsubscribedChannel>({
  testId,
  label,
  channels,
  extra,
}: {
  testId: string;
  label: string;
  channels: C[];
  extra?: TableColumn<C>;
}) {
  const columns: TableColumn<C>[] = [
    { header: 'Channel', className: 'mono address', cell: (c) => c.address },
    {
      header: 'Document',
      cell: (c) => (
        <>
          <Link href={`/documents/${encodeURIComponent(c.slug)}`}>{c.title}</Link> <span className="muted">{c.version}</span>
        </>
      ),
    },
    ...(extra ? [extra] : []),
  ];
  return (
    <Table
      columns={columns}
      rows={channels}
      rowKey={(c) => `${c.slug}/${c.channelKey}`}
      className="drift-table"
      testId={testId}
      label={label}
    />
  );
}

function preview(payload: string): string {
  return payload.length > SAMPLE_PREVIEW_CHARS ? `${payload.slice(0, SAMPLE_PREVIEW_CHARS)}…` : payload;
}
