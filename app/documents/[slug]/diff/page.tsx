import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DiffForm } from '../../../../components/diff/diff-form.tsx';
import { DiffResult } from '../../../../components/diff/diff-result.tsx';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { searchTerm } from '../../../../components/ui/search-term.ts';
import { isPortalError } from '../../../../lib/errors.ts';
import type { VersionDiff } from '../../../../lib/governance.ts';
import { services } from '../../../../lib/services.ts';
import type { DocumentDetail } from '../../../../prisma/store/types.ts';
import '../../../../components/diff/diff.css';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[]; to?: string | string[] }>;
};

export const metadata: Metadata = { title: 'Compare versions' };

async function loadDocument(slug: string): Promise<DocumentDetail> {
  try {
    return await services().catalogue.getDocument(slug);
  } catch (error) {
    if (isPortalError(error, 'NotFoundError') || isPortalError(error, 'NulCharacterError')) notFound();
    throw error;
  }
}

/** The diff, or the reason there is none (a version not in the history). */
async function loadDiff(slug: string, from: string, to: string): Promise<VersionDiff | { error: string }> {
  try {
    return await services().catalogue.diff(slug, from, to);
  } catch (error) {
    if (isPortalError(error, 'NotFoundError') || isPortalError(error, 'NulCharacterError'))
      return { error: `${error.message} Pick versions from the lists above.` };
    throw error;
  }
}

/** Two versions of a document side by side: every change, classified breaking, non-breaking or unclassified. */
export default async function DiffPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const document = await loadDocument(slug);
  // By default: what the latest version (or the one asked for) changed against the one before it.
  const to = searchTerm(query.to) ?? document.latest.version;
  const from = searchTerm(query.from) ?? previousVersion(document, to);
  const diff = await loadDiff(slug, from, to);
  return (
    <>
      <nav aria-label="Breadcrumb">
        <ol className="breadcrumb">
          <li>
            <Link href="/">Catalogue</Link>
          </li>
          <li>
            <Link href={`/documents/${encodeURIComponent(slug)}`}>{document.title}</Link>
          </li>
          <li aria-current="page">Compare versions</li>
        </ol>
      </nav>
      <PageHeader
        title="Compare versions"
        description={`What changed between two versions of ${document.title}, and whether it breaks the people who use it.`}
      />
      <DiffForm slug={slug} versions={document.versions} from={from} to={to} />
      {'error' in diff ? (
        <div className="notice notice--error" role="alert">
          <p>{diff.error}</p>
        </div>
      ) : (
        <DiffResult diff={diff} />
      )}
    </>
  );
}

function previousVersion(document: DocumentDetail, version: string): string {
  const index = document.versions.findIndex((v) => v.version === version);
  return document.versions[index + 1]?.version ?? version;
}
