import { checkReceived, compileMessageChecker, type MessageChecker } from '../../asyncapi/message-checker.ts';
import { parameterIssues } from '../../asyncapi/parameter-values.ts';
import { compilePayloadChecker, MAX_ISSUES, type PayloadIssue } from '../../asyncapi/payload-schema.ts';
import type { IndexedChannel, IndexedMessage } from '../../prisma/store/conformance.ts';
import { ChannelMatcher } from './channel-matcher.ts';
import type { CatalogueMatch, TailConformance } from '../common/conformance.ts';
import { UNDOCUMENTED, type InspectedMessage, type NumberedMatch } from './result.ts';

/** A catalogued channel as the checker keeps it: what results point to, built once per index. */
export interface CheckedChannel extends IndexedChannel {
  /** Identifies the channel across index rebuilds (slug, version and key). */
  id: string;
  document: CatalogueMatch['document'];
  ref: { key: string; address: string };
}

/** A message's conformance, with what it matched and the catalogued channel (both null when undocumented). */
export interface Inspection extends InspectedMessage {
  channel: CheckedChannel | null;
}

const UNDOCUMENTED_INSPECTION: Inspection = Object.freeze({ conformance: UNDOCUMENTED, match: null, channel: null });

/** Concrete channel names remembered with their match; past it the memory starts afresh. */
const MAX_RESOLVED = 10_000;
/** Longer channel names are matched every time rather than kept, so the cache stays under about 10 MB. */
const MAX_RESOLVED_NAME = 1_024;

/** A concrete channel's match, and the (immutable, shared) inspection of each message that conforms. */
interface Resolved {
  channel: CheckedChannel;
  match: NumberedMatch;
  /** What the concrete channel's parameter values break of their schemas, paths as `{name}`. */
  paramIssues: PayloadIssue[];
  conforming: (Inspection | undefined)[];
}

/**
 * Checks live messages against the catalogue: matches the channel (parameters included), then validates
 * the payload against the channel's messages. Payload schemas are compiled on first use and cached by
 * message id (one id per message per version), so a reload keeps what is still catalogued. Concrete channel
 * names are remembered with their match, and a conforming message's result is one shared frozen object, so
 * the usual message costs a Map lookup, a JSON parse and a schema check.
 * @example const checker = new ConformanceChecker(); checker.load(await listIndexedChannels(db));
 *   checker.inspect('greenhouse/north/alert', Buffer.from('{"zone":"north"}')).conformance.status // 'violates'
 */
export class ConformanceChecker {
  private matcher = ChannelMatcher.compile<CheckedChannel>([]);
  private indexed: CheckedChannel[] = [];
  /** By message id, or `channel id + {parameter}` for address parameters. */
  private compiled = new Map<number | string, MessageChecker>();
  /** By concrete channel name: live traffic repeats a few names, so most messages skip the matcher. */
  private resolved = new Map<string, Resolved | null>();
  private nextRef = 0;

  /** Replaces the index with these channels (every document's latest version). */
  load(channels: readonly IndexedChannel[]): void {
    this.indexed = channels.map(checkedChannel);
    this.matcher = ChannelMatcher.compile(this.indexed);
    const kept = new Map<number | string, MessageChecker>();
    for (const channel of this.indexed) {
      const ids = [...channel.messages.map((m) => m.id), ...channel.parameters.map((p) => `${channel.id}\u0000{${p.name}}`)];
      for (const id of ids) {
        const checker = this.compiled.get(id);
        if (checker) kept.set(id, checker);
      }
    }
    this.compiled = kept;
    this.resolved = new Map();
  }

  /** The channels of the current index, in catalogue order. */
  get channels(): readonly CheckedChannel[] {
    return this.indexed;
  }

  /** Whether a catalogued address matches this concrete channel. */
  documents(channelName: string): boolean {
    return this.resolve(channelName) !== null;
  }

  inspect(channelName: string, payload: Buffer): Inspection {
    const resolved = this.resolve(channelName);
    if (!resolved) return UNDOCUMENTED_INSPECTION;
    const { channel, match } = resolved;
    const ref = match.ref;
    if (channel.messages.length === 0)
      return { channel, match, conformance: { status: 'unchecked', ref, reason: 'the channel declares no message' } };
    const text = payload.toString('utf8');
    let unchecked: { message: IndexedMessage; reason: string } | undefined;
    let violated: { message: IndexedMessage; errors: PayloadIssue[]; decoded: string | undefined } | undefined;
    for (let i = 0; i < channel.messages.length; i++) {
      const message = channel.messages[i]!;
      const check = checkReceived(
        this.checkerOf(message.id, () => compileMessageChecker(message)),
        payload,
        text,
      );
      if (check.status === 'conforms') {
        const shared = (resolved.conforming[i] ??= frozen({
          channel,
          match,
          conformance: conforming(ref, message.key, resolved.paramIssues),
        }));
        return check.decoded === undefined ? shared : { ...shared, decoded: check.decoded };
      }
      if (check.status === 'unchecked') unchecked ??= { message, reason: check.reason };
      else violated ??= { message, errors: check.errors, decoded: check.decoded };
    }
    // A message without a usable schema might be the one sent, so it outweighs another's violation.
    if (unchecked)
      return { channel, match, conformance: { status: 'unchecked', ref, message: unchecked.message.key, reason: unchecked.reason } };
    const { message, errors, decoded } = violated!;
    const inspection: Inspection = {
      channel,
      match,
      conformance: { status: 'violates', ref, message: message.key, errors: [...resolved.paramIssues, ...errors].slice(0, MAX_ISSUES) },
    };
    if (decoded !== undefined) inspection.decoded = decoded;
    return inspection;
  }

  private resolve(channelName: string): Resolved | null {
    let resolved = this.resolved.get(channelName);
    if (resolved !== undefined) return resolved;
    const found = this.matcher.match(channelName);
    resolved = found && {
      channel: found.channel,
      match: Object.freeze({
        ref: this.nextRef++,
        document: found.channel.document,
        channel: found.channel.ref,
        params: Object.freeze(found.params),
      }),
      paramIssues: this.paramIssues(found.channel, found.params),
      conforming: [],
    };
    if (channelName.length > MAX_RESOLVED_NAME) return resolved;
    if (this.resolved.size >= MAX_RESOLVED) this.resolved.clear();
    this.resolved.set(channelName, resolved);
    return resolved;
  }

  private paramIssues(channel: CheckedChannel, params: Record<string, string>): PayloadIssue[] {
    return parameterIssues(channel.parameters, params, ({ name, schema }) =>
      this.checkerOf(`${channel.id}\u0000{${name}}`, () => compilePayloadChecker(schema)),
    );
  }

  private checkerOf(id: number | string, compile: () => MessageChecker): MessageChecker {
    let checker = this.compiled.get(id);
    if (!checker) {
      checker = compile();
      this.compiled.set(id, checker);
    }
    return checker;
  }
}

/** A payload its schema accepts: it conforms, unless the channel's parameter values break theirs. */
function conforming(ref: number, message: string, paramIssues: PayloadIssue[]): TailConformance {
  if (paramIssues.length === 0) return { status: 'conforms', ref, message };
  return { status: 'violates', ref, message, errors: paramIssues.slice(0, MAX_ISSUES) };
}

function frozen(inspection: Inspection): Inspection {
  Object.freeze(inspection.conformance);
  return Object.freeze(inspection);
}

function checkedChannel(channel: IndexedChannel): CheckedChannel {
  return {
    ...channel,
    id: `${channel.slug}\u0000${channel.version}\u0000${channel.channelKey}`,
    document: { slug: channel.slug, version: channel.version, title: channel.title, status: channel.status },
    ref: { key: channel.channelKey, address: channel.address ?? channel.channelKey },
  };
}
