'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublishChannelView } from '../../lib/publishing/schema-publisher.ts';
import type { PublishChannelGroup } from '../../prisma/store/publish-channels.ts';
import { fetchPublishChannel, fetchPublishChannels, type ChannelChoice } from './catalogue-channels.ts';

export type ChannelListState =
  { status: 'loading' } | { status: 'ready'; groups: PublishChannelGroup[] } | { status: 'error'; error: string };

type ChosenChannelState =
  | { status: 'none' }
  | { status: 'loading'; choice: ChannelChoice }
  | { status: 'ready'; choice: ChannelChoice; channel: PublishChannelView }
  | { status: 'error'; choice: ChannelChoice; error: string };

/**
 * The catalogued channels (loaded once, on mount) and the one chosen, whose details are fetched on choice.
 * `choose` resolves with the channel once loaded (null when it failed or a newer choice replaced it), so the
 * caller can fill its form; a newer choice cancels the previous fetch.
 */
export function useCatalogueChannel() {
  const [list, setList] = useState<ChannelListState>({ status: 'loading' });
  const [chosen, setChosen] = useState<ChosenChannelState>({ status: 'none' });
  const [attempt, setAttempt] = useState(0);
  const detailRequest = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchPublishChannels(controller.signal).then(
      (answer) => setList(answer.ok ? { status: 'ready', groups: answer.value } : { status: 'error', error: answer.error }),
      () => undefined,
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(() => () => detailRequest.current?.abort(), []);

  const retryList = useCallback(() => {
    setList({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const choose = useCallback(async (choice: ChannelChoice | null): Promise<PublishChannelView | null> => {
    detailRequest.current?.abort();
    if (!choice) {
      setChosen({ status: 'none' });
      return null;
    }
    const controller = new AbortController();
    detailRequest.current = controller;
    setChosen({ status: 'loading', choice });
    const answer = await fetchPublishChannel(choice, controller.signal).catch(() => null);
    if (answer === null || controller.signal.aborted) return null;
    setChosen(answer.ok ? { status: 'ready', choice, channel: answer.value } : { status: 'error', choice, error: answer.error });
    return answer.ok ? answer.value : null;
  }, []);

  return { list, retryList, chosen, choose };
}
