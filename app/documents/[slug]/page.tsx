import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AsyncApiView } from '../../../components/document/asyncapi-view.tsx';
import { ChannelsTable } from '../../../components/document/channels-table.tsx';
import { ChannelTraffic } from '../../../components/document/channel-traffic.tsx';
import { DocumentHeader } from '../../../components/document/document-header.tsx';
import { ForcedNotice } from '../../../components/document/forced-notice.tsx';
import { MessagePayloads } from '../../../components/document/message-payloads.tsx';
import { WarningsList } from '../../../components/document/warnings-list.tsx';
import { searchTerm } from '../../../components/ui/search-term.ts';
import { pagePermissions } from '../../../lib/auth/page-actor.ts';
import { isPortalError } from '../../../lib/errors.ts';
import { services } from '../../../lib/services.ts';
import '../../../components/document/document.css';
import '../../../components/diff/diff.css';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ version?: string | string[] }>;
};

/** The document with its history, and the requested version (the latest by default); 404 for either unknown. */
const loadDocument = cache(async (slug: string, requested: string | undefined) => {
  try {
    const [document, compatibility] = await Promise.all([
      services().catalogue.getDocument(slug),
      services().catalogue.getCompatibility(slug),
    ]);
    const version =
      requested && requested !== document.latest.version ? await services().catalogue.getVersion(slug, requested) : document.latest;
    return { document, version, compatibility };
  } catch (error) {
    // A NUL cannot be in a stored slug or version: nothing is at that address.
    if (isPortalError(error, 'NotFoundError') || isPortalError(error, 'NulCharacterError')) notFound();
    throw error;
  }
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { document, version } = await loadDocument((await params).slug, searchTerm((await searchParams).version));
  return { title: `${document.title} ${version.version}` };
}

export default async function DocumentPage({ params, searchParams }: Props) {
  const { document, version, compatibility } = await loadDocument((await params).slug, searchTerm((await searchParams).version));
  return (
    <article className="doc">
      <DocumentHeader document={document} version={version} compatibility={compatibility} permissions={await pagePermissions()} />
      <ForcedNotice version={version} />
      <WarningsList warnings={version.warnings} />
      <details className="section doc-channels" open>
        <summary className="section__title">Channels ({version.channels.length})</summary>
        <ChannelsTable slug={document.slug} version={version.version} channels={version.channels} />
      </details>
      <MessagePayloads channels={version.channels} />
      <section className="section" aria-labelledby="traffic-title">
        <h2 id="traffic-title" className="section__title">
          Live traffic
        </h2>
        <ChannelTraffic slug={document.slug} latestVersion={document.latest.version} />
      </section>
      <section className="section" aria-labelledby="rendered-title">
        <h2 id="rendered-title" className="section__title">
          Document
        </h2>
        <AsyncApiView raw={version.raw} version={version.version} />
      </section>
    </article>
  );
}
