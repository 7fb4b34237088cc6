'use client';

import { EmptyState } from '../ui/empty-state.tsx';

/**
 * What a page shows while the catalogue database is unreachable: the catalogue's state, not a page that
 * broke, with a retry that asks the server again (the failed render cannot be re-used).
 */
export function CatalogueUnavailable() {
  return (
    <EmptyState title="The catalogue is unavailable">
      <p role="alert">
        The portal cannot reach the catalogue database right now, so documents and channels cannot be shown. The portal keeps trying: try
        again in a moment.
      </p>
      <button className="button button--primary" type="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </EmptyState>
  );
}
