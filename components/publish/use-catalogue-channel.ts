'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublishChannelView } from '@/lib/publishing/schema-publisher';
import type { PublishChannelGroup } from '@/prisma/store/publish-channels';
import { fetchPublishChannel, fetchPublishChannels, type ChannelChoice } from './catalogue-channels';

export type ChannelListState = { status: 'loading' } | { status: 'ready'; groups: PublishChannelGroup[] } | { status: 'error'; error: string };

export type ChosenChannelState =
  | { status: 'none' }
  | { status: 'loading'; choice: ChannelChoice }
  | { status: 'ready'; choice: ChannelChoice; channel: PublishChannelView }
  | { status: 'error'; choice: ChannelChoice; error: string };

/**
 * The catalogued channels (loaded once, on mount) and the one chosen, whose details are fetched on choice;
 * `onLoaded` runs when they arrive, to fill the form. A newer choice cancels the previous fetch.
 */
export function useCatalogueChannel(onLoaded: (channel: PublishChannelView) => void) {
  const [list, setList] = useState<ChannelListState>({ status: 'loading' });
  const [chosen, setChosen] = useState<ChosenChannelState>({ status: 'none' });
  const [attempt, setAttempt] = useState(0);
  const detailRequest = useRef<AbortController | null>(null);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

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

  const choose = useCallback((choice: ChannelChoice | null) => {
    detailRequest.current?.abort();
    if (!choice) return setChosen({ status: 'none' });
    const controller = new AbortController();
    detailRequest.current = controller;
    setChosen({ status: 'loading', choice });
    fetchPublishChannel(choice, controller.signal).then(
      (answer) => {
        if (!answer.ok) return setChosen({ status: 'error', choice, error: answer.error });
        setChosen({ status: 'ready', choice, channel: answer.value });
        onLoadedRef.current(answer.value);
      },
      () => undefined,
    );
  }, []);

  return { list, retryList, chosen, choose };
}
