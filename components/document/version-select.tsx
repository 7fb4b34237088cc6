'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { VersionSummary } from '../../prisma/store/types.ts';

interface VersionSelectProps {
  slug: string;
  /** Newest first. */
  versions: VersionSummary[];
  current: string;
}

/**
 * Switches between a document's versions by navigating to `?version=`. A GET form underneath, so it
 * still works without JavaScript (with the button in <noscript>).
 */
export function VersionSelect({ slug, versions, current }: VersionSelectProps) {
  const router = useRouter();
  const [selected, setSelected] = useState(current);
  const [pending, startTransition] = useTransition();

  function select(version: string): void {
    setSelected(version);
    startTransition(() => router.push(`/documents/${encodeURIComponent(slug)}?version=${encodeURIComponent(version)}`));
  }

  return (
    <form className="version-select" action={`/documents/${encodeURIComponent(slug)}`} method="get" aria-busy={pending}>
      <label htmlFor="version-select" className="version-select__label">
        Version
      </label>
      <select
        id="version-select"
        className="select mono"
        name="version"
        aria-label="Version"
        value={selected}
        onChange={(e) => select(e.target.value)}
      >
        {versions.map((v, i) => (
          <option key={v.version} value={v.version}>
            {v.version}
            {i === 0 ? ' (latest)' : ''} · {v.status}
            {v.forced ? ' · forced' : ''} · {formatDate(v.createdAt)} · by {v.registeredBy?.name ?? 'unknown'}
          </option>
        ))}
      </select>
      <noscript>
        <button className="button" type="submit">
          Show
        </button>
      </noscript>
    </form>
  );
}

function formatDate(iso: string): string {
  return iso.slice(0, 10);
}
