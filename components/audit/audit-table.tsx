import type { AuditEvent } from '../../lib/audit/audit-log.ts';
import { Table, type TableColumn } from '../ui/table.tsx';
import { summariseDetail } from './audit-detail.ts';

const COLUMNS: readonly TableColumn<AuditEvent>[] = [
  {
    header: 'At',
    cell: (e) => <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time>,
    className: 'mono audit-table__at',
  },
  {
    header: 'Actor',
    cell: (e) => (
      <>
        <span className="audit-table__actor">{e.actor.name}</span> <span className="badge">{e.actor.kind}</span>
      </>
    ),
  },
  { header: 'Action', cell: (e) => e.action, className: 'mono' },
  { header: 'Target', cell: (e) => e.target, className: 'mono audit-table__target' },
  { header: 'Detail', cell: (e) => summariseDetail(e.detail), className: 'audit-table__detail' },
  { header: 'IP', cell: (e) => e.ip ?? '–', className: 'mono' },
];

/** The audit log's rows, newest first: when, who (and as what kind of actor), what, on what, and from where. */
export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  return <Table columns={COLUMNS} rows={events} rowKey={(e) => e.id} className="audit-table" label="Audit log" testId="audit-table" />;
}
