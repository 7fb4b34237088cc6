'use client';

import { exportFileName } from './tail-export.ts';

interface ExportButtonProps {
  /** Rows on show: nothing to export when there are none. */
  count: number;
  /** The rows on show (after the filters), oldest first, as NDJSON. */
  ndjson: () => Promise<string>;
}

/** Downloads the rows on show (after the filters), oldest first, as NDJSON. */
export function ExportButton({ count, ndjson }: ExportButtonProps) {
  async function download(): Promise<void> {
    const text = await ndjson();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(Date.now());
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <button className="button" type="button" onClick={() => void download()} disabled={count === 0} data-testid="tail-export">
      Export NDJSON
    </button>
  );
}
