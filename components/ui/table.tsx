import type { ReactNode } from 'react';

/** One column: its header and how a row fills its cell. */
export interface TableColumn<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  headerClassName?: string;
  /** The cell's class, fixed or chosen per row. */
  className?: string | ((row: Row) => string | undefined);
}

interface TableProps<Row> {
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Classes besides `table`, e.g. `drift-table`. */
  className?: string;
  /** The table's accessible name, and its scroll region's: a keyboard user scrolls a wide table after tabbing to it. */
  label: string;
  /** A caption for screen readers only (visually hidden). */
  caption?: ReactNode;
  testId?: string;
}

/**
 * A data table that scrolls sideways on narrow screens, in a named region the keyboard can reach and scroll:
 * column headers scoped to their columns, one row per item. A caption, when given, names the table instead.
 * @example <Table columns={[{ header: 'Channel', cell: (c) => c.address }]} rows={channels} rowKey={(c) => c.key} label="Channels" />
 */
export function Table<Row>({ columns, rows, rowKey, className, label, caption, testId }: TableProps<Row>) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className={className ? `table ${className}` : 'table'} aria-label={caption ? undefined : label} data-testid={testId}>
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.headerClassName}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) => (
                <td key={i} className={typeof column.className === 'function' ? column.className(row) : column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
