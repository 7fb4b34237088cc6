import Link from 'next/link';
import type { DocumentCompatibility } from '../../asyncapi/compatibility.ts';
import type { Permissions } from '../../lib/auth/permissions.ts';
import type { DocumentDetail, VersionDetail } from '../../prisma/store/types.ts';
import { BadgeList } from '../ui/badge-list.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { CompatibilitySelect } from './compatibility-select.tsx';
import { LifecycleBanner } from './lifecycle-banner.tsx';
import { StatusSelect } from './status-select.tsx';
import { VersionSelect } from './version-select.tsx';

/** Who registered a version, with their kind unless it is a user: `admin`, `ci (token)`; `unknown` before the audit log. */
export function registeredByLabel(actor: VersionDetail['registeredBy']): string {
  if (!actor) return 'unknown';
  return actor.kind === 'user' ? actor.name : `${actor.name} (${actor.kind})`;
}

/** Title, version facts, the version switcher and the download of the raw file. */
export function DocumentHeader({
  document,
  version,
  compatibility,
  permissions,
}: {
  document: DocumentDetail;
  version: VersionDetail;
  compatibility: DocumentCompatibility;
  permissions: Permissions;
}) {
  const slug = encodeURIComponent(document.slug);
  const isLatest = version.version === document.latest.version;
  return (
    <header className="doc-header">
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb">
          <li>
            <Link href="/">Catalogue</Link>
          </li>
          <li aria-current="page">{version.title}</li>
        </ol>
      </nav>
      <div className="doc-header__row">
        <div className="doc-header__main">
          <h1 className="doc-header__title">{version.title}</h1>
          <div className="doc-header__facts">
            <span className="badge badge--version">v{version.version}</span>
            <StatusBadge status={version.status} />
            {version.forced && <span className="badge badge--forced">forced</span>}
            <span>AsyncAPI {version.asyncapiVersion}</span>
            <span data-testid="registered-by">
              registered {version.createdAt.slice(0, 10)} by {registeredByLabel(version.registeredBy)}
            </span>
            <span className="mono">{version.format.toUpperCase()}</span>
            <BadgeList items={version.protocols} variant="protocol" label="Protocols" />
            <BadgeList items={version.tags} label="Tags" />
          </div>
        </div>
        <div className="doc-header__actions">
          <VersionSelect key={version.version} slug={document.slug} versions={document.versions} current={version.version} />
          <StatusSelect
            key={`${version.version}-${version.status}`}
            slug={document.slug}
            version={version.version}
            status={version.status}
            setStatus={permissions.setStatus}
            retire={permissions.retire}
          />
          <CompatibilitySelect
            key={`${compatibility.source}-${compatibility.mode}`}
            compatibility={compatibility}
            allowance={permissions.setCompatibility}
          />
          {document.versions.length > 1 && (
            <Link className="button" href={`/documents/${slug}/diff?to=${encodeURIComponent(version.version)}`}>
              Compare versions
            </Link>
          )}
          <a className="button" href={`/api/documents/${slug}/versions/${encodeURIComponent(version.version)}?format=raw`} download>
            Download
          </a>
        </div>
      </div>
      <LifecycleBanner version={version} latest={document.latest.version} />
      {!isLatest && (
        <p className="notice doc-header__older">
          You are looking at an older version. The latest is{' '}
          <Link href={`/documents/${slug}?version=${encodeURIComponent(document.latest.version)}`}>{document.latest.version}</Link>.
        </p>
      )}
    </header>
  );
}
