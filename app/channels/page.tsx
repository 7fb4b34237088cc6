import type { Metadata } from 'next';
import Link from 'next/link';
import { ChannelTable } from '../../components/channels/channel-table.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SearchForm } from '../../components/ui/search-form.tsx';
import { searchTerm } from '../../components/ui/search-term.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Channels' };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function ChannelsPage({ searchParams }: Props) {
  const term = searchTerm((await searchParams).q);
  const channels = await services().catalogue.listChannels(term);
  const noChannels = !term && channels.length === 0;
  const documentCount = new Set(channels.map((c) => c.slug)).size;

  return (
    <>
      <PageHeader title="Channels" description="Every channel of the latest version of every document in the catalogue." />
      {!noChannels && (
        <SearchForm action="/channels" label="Search channels" placeholder="Search addresses, descriptions, message names…" term={term} />
      )}
      {channels.length > 0 && (
        <p className="result-summary" role="status">
          <span>
            <strong>{channels.length}</strong> {channels.length === 1 ? 'channel' : 'channels'}
            {term ? ` match “${term}”` : ''} in {documentCount} {documentCount === 1 ? 'document' : 'documents'}
          </span>
          {term && <Link href="/channels">Clear search</Link>}
        </p>
      )}
      {noChannels ? (
        <EmptyState title="No channels yet">
          <p>Channels appear here once a document that declares them is registered.</p>
          <Link className="button button--primary" href="/documents/new">
            Register a document
          </Link>
        </EmptyState>
      ) : channels.length === 0 ? (
        <EmptyState title={`No channels match “${term}”`}>
          <p>Search looks in channel addresses and ids, descriptions and message names.</p>
          <Link className="button" href="/channels">
            Clear the search
          </Link>
        </EmptyState>
      ) : (
        <ChannelTable channels={channels} term={term} />
      )}
    </>
  );
}
