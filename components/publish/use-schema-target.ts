'use client';

import { useState } from 'react';
import { parameterDefault, topicFromAddress } from '../../asyncapi/address-topic.ts';
import type { PublishChannelView, SchemaReference } from '../../lib/publishing/schema-publisher.ts';
import type { ChannelChoice } from './catalogue-channels.ts';
import { useCatalogueChannel } from './use-catalogue-channel.ts';

/**
 * The publish target chosen from the catalogue: the channel, its parameter values, the message, and what
 * follows from them (the topic built from the address, the schema reference to check against).
 * `onTemplate` receives the payload to start from whenever a channel or message is chosen.
 */
export function useSchemaTarget(onTemplate: (payload: string) => void) {
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const [messageKey, setMessageKey] = useState<string | null>(null);
  const { list, retryList, chosen, choose } = useCatalogueChannel();

  function fill(loaded: PublishChannelView): void {
    setParameters(Object.fromEntries(loaded.parameters.map((p) => [p.name, parameterDefault(p.schema)])));
    const [first] = loaded.messages;
    setMessageKey(first?.key ?? null);
    if (first) onTemplate(first.template.text);
  }

  const channel = chosen.status === 'ready' ? chosen.channel : null;
  const message = channel?.messages.find((m) => m.key === messageKey) ?? null;
  const topic = channel?.address ? topicFromAddress(channel.address, parameters) : null;
  const schema: SchemaReference | undefined =
    channel && message ? { slug: channel.slug, version: channel.version, channel: channel.key, message: message.key } : undefined;

  return {
    list,
    retryList,
    chosen,
    choice: chosen.status === 'none' ? null : chosen.choice,
    choose: async (choice: ChannelChoice | null): Promise<void> => {
      const loaded = await choose(choice);
      if (loaded) fill(loaded);
    },
    channel,
    message,
    /** The topic built from the channel's address, or null when no channel is chosen. */
    topic,
    schema,
    parameters,
    setParameter: (name: string, value: string) => setParameters((previous) => ({ ...previous, [name]: value })),
    chooseMessage: (key: string) => {
      setMessageKey(key);
      const template = channel?.messages.find((m) => m.key === key)?.template;
      if (template) onTemplate(template.text);
    },
  };
}
