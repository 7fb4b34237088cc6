'use client';

import { CatalogueUnavailable } from '../components/catalogue/catalogue-unavailable.tsx';
import { EmptyState } from '../components/ui/empty-state.tsx';
import { CATALOGUE_UNAVAILABLE_DIGEST } from '../lib/common/catalogue-unavailable.ts';

/** Shown when a page fails on the server; the cause is in the server log under the digest. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // Next withholds the message in production but keeps the digest a DatabaseUnavailableError carries.
  if (error.digest === CATALOGUE_UNAVAILABLE_DIGEST) return <CatalogueUnavailable />;
  return (
    <EmptyState title="This page failed to load">
      <p role="alert">
        The portal could not answer this request. Try again; if it keeps failing, the server log has the details
        {error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <button className="button button--primary" type="button" onClick={reset}>
        Try again
      </button>
    </EmptyState>
  );
}
