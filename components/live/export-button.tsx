'use client';

import { exportFileName, toNdjson } from './tail-export.ts';
import { isMessageEntry, type TailEntry } from './tail-store.ts';
import type { TailView } from './tail-view.ts';

/** Downloads the rows on show (after the filters), oldest first, as NDJSON. */
export function ExportButton({ view }: { view: TailView<TailEntry> }) {
  function download(): void {
    const text = toNdjson(oldestFirst(view));
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(Date.now());
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <button className="button" type="button" onClick={download} disabled={view.length === 0} data-testid="tail-export">
      Export NDJSON
    </button>
  );
}

function* oldestFirst(view: TailView<TailEntry>) {
  for (let i = view.length - 1; i >= 0; i--) {
    const entry = view.at(i);
    if (entry && isMessageEntry(entry)) yield entry.message;
  }
}
