import Link from 'next/link';
import { DocumentCard } from '../../components/catalogue/document-card.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SearchForm } from '../../components/ui/search-form.tsx';
import { searchTerm } from '../../components/ui/search-term.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function CataloguePage({ searchParams }: Props) {
  const term = searchTerm((await searchParams).q);
  const documents = await services().catalogue.listDocuments(term);
  const catalogueEmpty = !term && documents.length === 0;

  return (
    <>
      <PageHeader
        title="Catalogue"
        description="Every AsyncAPI document registered in the portal, with its latest version."
        actions={
          <Link className="button button--primary" href="/documents/new">
            Register a document
          </Link>
        }
      />
      {!catalogueEmpty && (
        <SearchForm
          action="/"
          label="Search the catalogue"
          placeholder="Search titles, channels, messages, payload properties…"
          term={term}
        />
      )}
      {term && documents.length > 0 && (
        <p className="result-summary" role="status">
          <span>
            <strong>{documents.length}</strong> {documents.length === 1 ? 'document matches' : 'documents match'} “{term}”
          </span>
          <Link href="/">Clear search</Link>
        </p>
      )}
      {catalogueEmpty ? (
        <EmptyState title="The catalogue is empty">
          <p>Register your first AsyncAPI document to see it here.</p>
          <Link className="button button--primary" href="/documents/new">
            Register a document
          </Link>
        </EmptyState>
      ) : documents.length === 0 ? (
        <EmptyState title={`No documents match “${term}”`}>
          <p>Search looks in titles, descriptions, channel addresses, message names and payload properties.</p>
          <Link className="button" href="/">
            Clear the search
          </Link>
        </EmptyState>
      ) : (
        <ul className="card-list" aria-label="Documents">
          {documents.map((document) => (
            <DocumentCard key={document.slug} document={document} term={term} />
          ))}
        </ul>
      )}
    </>
  );
}
