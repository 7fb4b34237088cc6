'use client';

import { EmptyState } from '../components/ui/empty-state.tsx';

/** Shown when a page fails on the server; the cause is in the server log under the digest. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
