import type { AsyncAPIDocumentInterface, ChannelInterface, MessageInterface, OperationInterface, ServerInterface } from '@asyncapi/parser';
import { readMessagePayload, type SchemaFormatReader } from './payload-format.ts';
import { asJsonSchema, payloadPropertyNames, toPlainJson } from './plain-json.ts';
import type { NormalisedChannel, NormalisedDocument, NormalisedMessage, NormalisedOperation, NormalisedServer } from './types.ts';

/** A channel's messages, and the key each message object got, to resolve operations' references. */
interface ChannelMessages {
  messages: NormalisedMessage[];
  keyOf: Map<unknown, string>;
}

/**
 * Flattens a parsed AsyncAPI 2.x or 3.x document into plain, JSON-serialisable records for the catalogue.
 * 2.x `subscribe` operations (the application sends) become `send`, `publish` ones become `receive`.
 * Payloads are read as JSON Schema whatever their format; `reads` says which formats the parser converted.
 * @example const { document } = await parser.parse(raw); normaliseDocument(document, (f) => parser.parserRegistry.has(f)).channels.length
 */
export function normaliseDocument(doc: AsyncAPIDocumentInterface, reads: SchemaFormatReader): NormalisedDocument {
  const info = doc.info();
  const servers = doc
    .servers()
    .all()
    .map((server) => normaliseServer(server, doc.version()));
  const channels = doc.channels().all();
  const messagesByChannel = new Map(channels.map((channel) => [channel.id(), normaliseMessages(channel, reads)]));
  return {
    asyncapiVersion: doc.version(),
    title: info.title(),
    version: info.version(),
    description: info.description() ?? null,
    tags: info
      .tags()
      .all()
      .map((tag) => tag.name()),
    protocols: [...new Set(servers.map((server) => server.protocol))],
    servers,
    channels: channels.map(normaliseChannel),
    operations: normaliseOperations(doc.operations().all(), messagesByChannel),
    messages: [...messagesByChannel.values()].flatMap((entry) => entry.messages),
  };
}

function normaliseServer(server: ServerInterface, asyncapiVersion: string): NormalisedServer {
  return {
    name: server.id(),
    host: asyncapiVersion.startsWith('2.') ? hostFromUrl(server.url()) : server.host(),
    protocol: server.protocol(),
    description: server.description() ?? null,
  };
}

// A 2.x `url` often has no scheme (`localhost:6379`), which the parser's `host()` cannot read.
function hostFromUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
}

function normaliseChannel(channel: ChannelInterface): NormalisedChannel {
  return {
    key: channel.id(),
    address: channel.address() ?? null,
    description: channel.description() ?? null,
    parameters: channel
      .parameters()
      .all()
      .map((parameter) => ({
        name: parameter.id(),
        description: parameter.description() ?? null,
        schema: asJsonSchema(toPlainJson(parameter.schema()?.json(), { stripParserKeys: true })),
      })),
  };
}

function normaliseMessages(channel: ChannelInterface, reads: SchemaFormatReader): ChannelMessages {
  const keyOf = new Map<unknown, string>();
  const messages: NormalisedMessage[] = [];
  for (const message of channel.messages().all()) {
    // In 2.x a message used by both operations of a channel is listed twice.
    if (keyOf.has(message.json())) continue;
    const key = uniqueKey(new Set(keyOf.values()), message.id() ?? message.name() ?? 'message');
    keyOf.set(message.json(), key);
    messages.push(normaliseMessage(message, key, channel.id(), reads));
  }
  return { messages, keyOf };
}

function normaliseMessage(message: MessageInterface, key: string, channelKey: string, reads: SchemaFormatReader): NormalisedMessage {
  const { payload, payloadFormat } = readMessagePayload(message, reads);
  return {
    key,
    channelKey,
    name: message.name() ?? null,
    title: message.title() ?? null,
    summary: message.summary() ?? null,
    contentType: message.contentType() ?? null,
    payload,
    payloadFormat,
    examples: message
      .examples()
      .all()
      .map((example) => toPlainJson(example.payload()))
      .filter((example) => example !== undefined),
    payloadProperties: payloadPropertyNames(payload),
  };
}

function normaliseOperations(operations: OperationInterface[], messagesByChannel: Map<string, ChannelMessages>): NormalisedOperation[] {
  const taken = new Set<string>();
  return operations.flatMap((operation) => {
    const channel = operation.channels().all()[0];
    if (!channel) return [];
    const keyOf = messagesByChannel.get(channel.id())?.keyOf;
    const key = uniqueKey(taken, operationKey(operation, channel.id()));
    taken.add(key);
    return [
      {
        key,
        action: operation.isSend() ? ('send' as const) : ('receive' as const),
        channelKey: channel.id(),
        summary: operation.summary() ?? null,
        // The key the channel gave the same message object; its own id should that lookup ever miss.
        messageKeys: operation
          .messages()
          .all()
          .map((message): string | undefined => keyOf?.get(message.json()) ?? message.id())
          .filter((key) => key !== undefined),
      },
    ];
  });
}

// 2.x operations without an operationId are named after their action, which repeats across channels.
function operationKey(operation: OperationInterface, channelKey: string): string {
  const id = operation.id() ?? operation.action();
  return !operation.hasOperationId() && id === operation.action() ? `${id} ${channelKey}` : id;
}

function uniqueKey(taken: ReadonlySet<string>, wanted: string): string {
  let key = wanted;
  for (let n = 2; taken.has(key); n++) key = `${wanted}-${n}`;
  return key;
}
