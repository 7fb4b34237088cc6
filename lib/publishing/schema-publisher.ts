import { addressParameterList, addressParameters, topicMatchesAddress } from '../../asyncapi/address-topic.ts';
import { LruCache } from '../../asyncapi/lru-cache.ts';
import type { AvroBinaryCodec } from '../../asyncapi/avro-binary.ts';
import { compileMessageChecker, type MessageChecker } from '../../asyncapi/message-checker.ts';
import { addressParameterValues, parameterIssues } from '../../asyncapi/parameter-values.ts';
import {
  compilePayloadChecker,
  MAX_ISSUES,
  type PayloadCheck,
  type PayloadChecker,
  type PayloadIssue,
} from '../../asyncapi/payload-schema.ts';
import type { NormalisedParameter } from '../../asyncapi/types.ts';
import { payloadTemplate, type PayloadTemplate } from '../../asyncapi/payload-template.ts';
import type { StoreClient } from '../../prisma/db.ts';
import { NotFoundError } from '../../prisma/store/errors.ts';
import {
  getPublishChannel,
  listPublishChannels,
  type PublishChannelDetail,
  type PublishChannelGroup,
} from '../../prisma/store/publish-channels.ts';
import type { MessageDetail } from '../../prisma/store/types.ts';
import { PORTAL_CONTEXT } from '../audit/context.ts';
import { sendAudited } from '../audit/sending.ts';
import type { AuditContext, AuditEntry } from '../audit/types.ts';
import { assertPublishable, type PublishReceipt } from '../broker/publish.ts';
import { PayloadViolationError, PublishInputError } from '../errors.ts';
import { refuseNul } from '../text-input.ts';

/** The catalogued message a payload is meant to match. */
export interface SchemaReference {
  slug: string;
  version: string;
  /** The channel's key (its id in the document). */
  channel: string;
  /** The message's key within the channel. */
  message: string;
}

export interface SchemaPublishRequest {
  topic: string;
  payload: string;
  schema?: SchemaReference;
  /** Publish even when the payload violates the schema: a deliberate negative test. */
  force?: boolean;
}

export type SchemaPublishResult = PublishReceipt &
  (
    | Record<never, never>
    | { conforms: true }
    | { conforms: false; forced: true }
    /** The message has no usable schema, so the payload was sent unchecked. */
    | { unchecked: string }
  ) & {
    /** Set when the payload, typed in Avro's JSON encoding, was sent in binary Avro (`bytes` long), as its message says. */
    encoding?: 'avro-binary';
    bytes?: number;
  };

export type PublishChannelView = Omit<PublishChannelDetail, 'messages'> & { messages: (MessageDetail & { template: PayloadTemplate })[] };

export interface SchemaPublisher {
  listChannels(): Promise<PublishChannelGroup[]>;
  getChannel(slug: string, version: string, key: string): Promise<PublishChannelView>;
  /** Publishes, audited as `event.publish` by `context` (the portal itself by default) in the way of `sendAudited`. */
  publish(request: SchemaPublishRequest, context?: AuditContext): Promise<SchemaPublishResult>;
}

interface Target {
  address: string | null;
  label: string;
  check: MessageChecker;
  parameters: NormalisedParameter[];
  /** The parameters' checkers, by name, compiled on first use. */
  parameterCheckers: Map<string, PayloadChecker>;
}

// A version's content never changes once registered, so a compiled checker stays right for good.
const CACHED_CHECKERS = 500;

/**
 * Publishing against the catalogue: the channels to choose from, and a publish that checks the payload
 * against the referenced message's schema first (checkers compiled once per message and cached).
 * @example await createSchemaPublisher({ db, publish }).publish({ topic: 'orderCreated', payload, schema: { slug, version, channel: 'orderCreated', message: 'OrderCreated' } });
 */
export function createSchemaPublisher({
  db,
  publish,
}: {
  db: StoreClient;
  publish: (topic: string, payload: string | Buffer) => Promise<PublishReceipt>;
}): SchemaPublisher {
  const targets = new LruCache<string, Target>({ maxEntries: CACHED_CHECKERS });

  async function target(ref: SchemaReference): Promise<Target> {
    for (const field of ['slug', 'version', 'channel', 'message'] as const) refuseNul(`schema.${field}`, ref[field]);
    const key = JSON.stringify([ref.slug, ref.version, ref.channel, ref.message]);
    const cached = targets.get(key);
    if (cached) return cached;
    const channel = await getPublishChannel(db, ref.slug, ref.version, ref.channel);
    const message = channel.messages.find((m) => m.key === ref.message);
    if (!message) throw new NotFoundError(`Message "${ref.message}" of channel "${ref.channel}" in "${ref.slug}" ${ref.version}`);
    const found: Target = {
      address: channel.address,
      label: message.name ?? message.key,
      check: compileMessageChecker(message),
      parameters: channel.parameters,
      parameterCheckers: new Map(),
    };
    targets.set(key, found);
    return found;
  }

  return {
    listChannels: () => listPublishChannels(db),
    async getChannel(slug, version, key) {
      refuseNul('The document slug', slug);
      refuseNul('The version', version);
      refuseNul('The channel', key);
      const channel = await getPublishChannel(db, slug, version, key);
      return {
        ...channel,
        parameters: channel.address === null ? channel.parameters : addressParameterList(channel.address, channel.parameters),
        messages: channel.messages.map((m) => ({ ...m, template: payloadTemplate(m) })),
      };
    },
    async publish({ topic, payload, schema, force = false }, context = PORTAL_CONTEXT) {
      assertPublishable(topic, payload);
      const send = (body: string | Buffer, forced: boolean) =>
        sendAudited(db, publishEntry(context, topic, body, forced), () => publish(topic, body));
      if (!schema) return send(payload, false);
      const found = await target(schema);
      const { address, label, check } = found;
      const values = address === null ? {} : addressParameterValues(address, topic);
      if (address !== null && (values === null || !topicMatchesAddress(address, topic)))
        throw new PublishInputError(topicMismatch(topic, address));
      const badParameters = parameterIssuesOf(found, values ?? {});
      const result = check(payload);
      const violates = badParameters.length > 0 || result.status === 'violates';
      if (violates && !force) {
        const errors = [...badParameters, ...(result.status === 'violates' ? result.errors : [])].slice(0, MAX_ISSUES);
        throw new PayloadViolationError(violationMessage(label, badParameters, values ?? {}, result.status === 'violates'), errors);
      }
      const body = check.avroBinary ? avroBinaryBody(check.avroBinary, payload, result, label) : payload;
      const receipt = await send(body, violates);
      const encoded = typeof body === 'string' ? {} : { encoding: 'avro-binary' as const, bytes: body.length };
      if (violates) return { ...receipt, conforms: false, forced: true, ...encoded };
      if (result.status === 'conforms') return { ...receipt, conforms: true, ...encoded };
      return { ...receipt, unchecked: result.reason, ...encoded };
    },
  };
}

/**
 * The `event.publish` entry of a payload sent to `topic`; `forced` when it was sent despite violating its schema.
 * @example await sendAudited(db, publishEntry(context, topic, body, false), () => broker.publish(topic, body));
 */
export function publishEntry(context: AuditContext, topic: string, payload: string | Buffer, forced: boolean): AuditEntry {
  return { ...context, action: 'event.publish', target: topic, detail: { topic, bytes: Buffer.byteLength(payload), forced } };
}

/**
 * What is sent for a binary Avro message: the typed Avro JSON encoded. A payload that violates its schema (sent with
 * `force`) or went unchecked has no binary form when avsc refuses it, so it goes as typed: the negative test asked for.
 */
function avroBinaryBody(codec: AvroBinaryCodec, payload: string, result: PayloadCheck, label: string): string | Buffer {
  try {
    return codec.encode(payload);
  } catch (error) {
    if (result.status !== 'conforms') return payload;
    throw new PublishInputError(
      `The payload matches the schema of ${label} but cannot be written as binary Avro (${(error as Error).message}); ` +
        `type it in Avro's JSON encoding, a union's value as {"<type>": value}.`,
    );
  }
}

/** The address parameter values that break their schemas, checked as live conformance checks them. */
function parameterIssuesOf(target: Target, values: Record<string, string>): PayloadIssue[] {
  return parameterIssues(target.parameters, values, ({ name, schema }) => {
    let checker = target.parameterCheckers.get(name);
    if (!checker) target.parameterCheckers.set(name, (checker = compilePayloadChecker(schema)));
    return checker;
  });
}

/** Why nothing was sent: the parameters named with their values, the payload's schema when it is broken too. */
function violationMessage(label: string, issues: PayloadIssue[], values: Record<string, string>, payloadViolates: boolean): string {
  const names = [...new Set(issues.map((issue) => issue.path.slice(1, issue.path.indexOf('}'))))];
  const parameters = names.map((name) => `${name} (${JSON.stringify(values[name])})`).join(', ');
  const what =
    names.length === 0
      ? `The payload does not match the schema of ${label}`
      : `The address ${names.length === 1 ? 'parameter' : 'parameters'} ${parameters}` +
        (payloadViolates
          ? ` and the payload do not match their schemas (${label})`
          : ` ${names.length === 1 ? 'does' : 'do'} not match ${names.length === 1 ? 'its schema' : 'their schemas'}`);
  return `${what}; nothing was sent. Fix it, or send it anyway with "force": true.`;
}

function topicMismatch(topic: string, address: string): string {
  const parameters = addressParameters(address);
  const fill = parameters.length > 0 ? `, with a value for ${parameters.join(', ')}` : '';
  return `The topic "${topic}" does not match the channel's address "${address}"; publish to the address${fill}.`;
}
