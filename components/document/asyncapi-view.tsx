'use client';

import dynamic from 'next/dynamic';
import { Skeleton } from '../ui/skeleton.tsx';

// The renderer and its parser are large and browser-only: never rendered on the server.
const AsyncApiRenderer = dynamic(() => import('./asyncapi-renderer.tsx'), { ssr: false, loading: RenderPlaceholder });

/**
 * The rendered document. Keyed by version so switching versions starts from a clean parse.
 * @example <AsyncApiView raw={version.raw} version={version.version} />
 */
export function AsyncApiView({ raw, version }: { raw: string; version: string }) {
  return (
    <section className="asyncapi-frame" data-testid="asyncapi-render" aria-label="Rendered document">
      <AsyncApiRenderer key={version} schema={raw} />
    </section>
  );
}

function RenderPlaceholder() {
  return (
    <div className="asyncapi-placeholder" role="status">
      <span className="muted">Rendering the document…</span>
      <Skeleton width="40%" height={22} />
      <Skeleton height={12} />
      <Skeleton width="85%" height={12} />
      <Skeleton width="60%" height={12} />
    </div>
  );
}
