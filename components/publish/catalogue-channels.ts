import type { PublishChannelView } from '../../lib/publishing/schema-publisher.ts';
import type { PublishChannelGroup } from '../../prisma/store/publish-channels.ts';

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: string };

/** Identifies a channel in the picker: one `<option>` value. */
export interface ChannelChoice {
  slug: string;
  version: string;
  key: string;
}

/** The catalogued channels to choose from, grouped by document, without schemas. */
export async function fetchPublishChannels(signal?: AbortSignal): Promise<Loaded<PublishChannelGroup[]>> {
  const answer = await getJson<{ documents: PublishChannelGroup[] }>('/api/publish/channels', signal);
  return answer.ok ? { ok: true, value: answer.value.documents } : answer;
}

/** One channel with its parameters' schemas and its messages' schemas and payload templates. */
export function fetchPublishChannel({ slug, version, key }: ChannelChoice, signal?: AbortSignal): Promise<Loaded<PublishChannelView>> {
  return getJson(
    `/api/publish/channels/${encodeURIComponent(slug)}/${encodeURIComponent(version)}?channel=${encodeURIComponent(key)}`,
    signal,
  );
}

/** The `<option>` value for a channel, and back. */
export function choiceValue(choice: ChannelChoice): string {
  return JSON.stringify([choice.slug, choice.version, choice.key]);
}

export function parseChoice(value: string): ChannelChoice | null {
  if (!value) return null;
  const [slug, version, key] = JSON.parse(value) as string[];
  return slug && version && key ? { slug, version, key } : null;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<Loaded<T>> {
  try {
    const response = await fetch(url, { signal });
    const body = (await response.json().catch(() => null)) as (T & { error?: unknown }) | null;
    if (response.ok && body) return { ok: true, value: body };
    return { ok: false, error: typeof body?.error === 'string' ? body.error : `The portal answered HTTP ${response.status}.` };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error: `The portal did not answer (${error instanceof Error ? error.message : String(error)}).` };
  }
}
