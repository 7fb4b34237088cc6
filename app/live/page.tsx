import type { Metadata } from 'next';
import { LiveTail } from '../../components/live/live-tail.tsx';
import { PublishForm } from '../../components/publish/publish-form.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { pagePermissions } from '../../lib/auth/page-actor.ts';
import { onRedis } from '../../lib/drift/service.ts';
import { log } from '../../lib/log.ts';
import { linkedPatterns } from '../../lib/common/channel-links.ts';
import { exactAddresses } from '../../lib/publishing/exact-addresses.ts';
import { services } from '../../lib/services.ts';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: { absolute: 'Live tail — Event Portal' } };

/** The catalogue's exact addresses of documents that can be on Redis, to offer as shard channels. */
async function cataloguedShardChannels(): Promise<string[]> {
  const { publishing, catalogue } = services();
  const [groups, documents] = await Promise.all([publishing.listChannels(), catalogue.listDocuments()]);
  const offBroker = new Set(documents.filter((d) => !onRedis(d.protocols)).map((d) => d.slug));
  return exactAddresses(groups, (slug) => !offBroker.has(slug));
}

type Props = { searchParams: Promise<{ pattern?: string | string[] }> };

/** The live tail; `?pattern=` (repeatable) follows those patterns instead of `*`, as "Tail this channel" links do. */
export default async function LivePage({ searchParams }: Props) {
  const patterns = linkedPatterns((await searchParams).pattern);
  const { publish, record } = await pagePermissions();
  // Suggestions only: with the catalogue out of reach the tail still works, with none offered.
  const shardSuggestions = await cataloguedShardChannels().catch((error: unknown) => {
    log.warn(`the live tail offers no catalogued shard channels: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  });
  return (
    <>
      <PageHeader title="Live tail" description="Broker traffic as it happens, for the Redis channel patterns you follow." />
      <LiveTail
        initialPatterns={patterns ?? undefined}
        shardSuggestions={shardSuggestions}
        record={record}
        aside={
          <section className="publish-panel" aria-labelledby="live-publish-title">
            <h2 id="live-publish-title" className="section__title">
              Publish a test event
            </h2>
            {publish.allowed ? (
              <PublishForm compact />
            ) : (
              <p className="notice" role="status" data-testid="permission-note">
                {publish.reason}
              </p>
            )}
          </section>
        }
      />
    </>
  );
}
