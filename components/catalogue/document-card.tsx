import Link from 'next/link';
import type { DocumentSummary } from '../../prisma/store/types.ts';
import { BadgeList } from '../ui/badge-list.tsx';
import { Highlight, excerpt } from '../ui/highlight.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { plainText } from '../ui/plain-text.ts';
import { MatchList } from './match-list.tsx';
import './catalogue.css';

/** One catalogue entry: what the document is, its latest version, and (when searched) what matched. */
export function DocumentCard({ document, term }: { document: DocumentSummary; term?: string }) {
  const { slug, title, latestVersion, versionCount, description, tags, protocols, channelCount, asyncapiVersion } = document;
  return (
    <li className="card" data-testid="document-card">
      <div className="card__head">
        <h2 className="card__title">
          <Link href={`/documents/${encodeURIComponent(slug)}`}>
            <Highlight text={title} term={term} />
          </Link>
        </h2>
        <span className="card__badges">
          {document.latestStatus !== 'released' && <StatusBadge status={document.latestStatus} />}
          <span className="badge badge--version" title="Latest version">
            v{latestVersion}
          </span>
        </span>
      </div>
      {description ? (
        <p className="card__desc">
          <Highlight text={excerpt(plainText(description), term)} term={term} />
        </p>
      ) : (
        <p className="card__desc muted">No description.</p>
      )}
      {document.matches && <MatchList matches={document.matches} term={term} />}
      <BadgeList items={tags} label="Tags" />
      <div className="card__meta">
        <BadgeList items={protocols} variant="protocol" label="Protocols" />
        <span>{plural(channelCount, 'channel')}</span>
        <span>{plural(versionCount, 'version')}</span>
        <span>AsyncAPI {asyncapiVersion}</span>
      </div>
    </li>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
