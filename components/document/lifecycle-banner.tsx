import Link from 'next/link';
import type { VersionDetail } from '../../prisma/store/types.ts';

const MESSAGES = {
  deprecated: 'is deprecated: it still works, but new work should not depend on it.',
  retired: 'is retired: it is no longer in use.',
} as const;

/** A warning over a deprecated or retired version, pointing at the latest one when that is another. */
export function LifecycleBanner({ version, latest }: { version: VersionDetail; latest: string }) {
  if (version.status !== 'deprecated' && version.status !== 'retired') return null;
  const slug = encodeURIComponent(version.slug);
  return (
    <p className={`notice lifecycle-banner lifecycle-banner--${version.status}`} role="note" data-testid="lifecycle-banner">
      <strong>Version {version.version}</strong> {MESSAGES[version.status]}
      {latest !== version.version && (
        <>
          {' '}
          The latest is <Link href={`/documents/${slug}?version=${encodeURIComponent(latest)}`}>{latest}</Link>.
        </>
      )}
    </p>
  );
}
