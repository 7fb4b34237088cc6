import type { Redis } from 'ioredis';
import type { StoreClient } from '../../prisma/db.ts';
import { compileGlob } from '../live/glob.ts';
import { log } from '../log.ts';
import { throttledLog } from '../log-throttle.ts';
import { runningRecordings, storeCaptured, storedBytes, type CapturedMessage, type StopReason } from './capture-store.ts';
import { decodeNotice, type ArmedRecording } from './notice.ts';

/** The most payload bytes, and channel bytes, one recording keeps in all: past it, it stops (`maxBytes`). */
export const RECORDING_MAX_BYTES = 64 * 1024 * 1024;
/** Captured messages waiting for the database, all recordings together, past which new ones are dropped (and logged). */
const MAX_PENDING = 50_000;
/** Their stored bytes (payloads as cut, and channel names), past which new ones are dropped too (and logged). */
export const MAX_PENDING_BYTES = 32 * 1024 * 1024;
/** How often the capturing instance looks at the database for recordings started or stopped while it did not hear. */
const RECONCILE_MS = 2_000;

export interface RecordingCaptureOptions {
  db: StoreClient;
  /** The tail's pub/sub connection: it SUBSCRIBEs the recordings channel, whose messages reach `control` through the bridge. */
  subscriber: Redis;
  /** The recordings channel (TrafficKeys['recordings']). */
  channel: string;
  /** A payload longer than this is kept cut, with its real size (HISTORY_MESSAGE_BYTES). */
  messageBytes: number;
  flushMs?: number;
  /** As MAX_PENDING_BYTES (tests lower it). */
  maxPendingBytes?: number;
}

/** The capture as the conformance monitor drives it (lib/conformance/monitor.ts). */
export interface RecordingCapture {
  /** Whether `channel` is the recordings channel (its messages are not traffic); starts or stops capturing one. */
  control(channel: string, payload: Buffer): boolean;
  /** Captures one message for every recording whose patterns it matches; called by the instance that counts only. */
  record(channel: string, payload: Buffer, receivedAt: number): void;
  /** Tells it whether this instance counts: only the one that counts captures, so each message is stored once. */
  attach(counting: () => boolean): void;
  /** Stores what it captured so far. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

interface Armed extends ArmedRecording {
  matches: ((channel: string) => boolean)[];
  armedAt: number;
}

const logFailure = throttledLog((message, cause) => log.error(message, cause), 60_000);
const logDropped = throttledLog((message) => log.error(message), 60_000);

/**
 * Captures the recordings' messages on the instance that counts traffic (the lease holder, lib/traffic/recorder.ts):
 * a start is PUBLISHed on the recordings channel after its row commits, and heard on the tail's connection in the one
 * order Redis delivers everything, so exactly the messages published after it are recorded. Captured messages are
 * stored every `flushMs`, in order, each once.
 * @example const capture = startRecordingCapture({ db, subscriber, channel: keys.recordings, messageBytes: 16384 });
 */
export function startRecordingCapture(options: RecordingCaptureOptions): RecordingCapture {
  const { db, subscriber, channel, messageBytes, flushMs = 250, maxPendingBytes = MAX_PENDING_BYTES } = options;
  const armed = new Map<string, Armed>();
  /** Recordings stopped here (heard or reached a bound), by when: a database read begun before must not arm them again. */
  const ended = new Map<string, number>();
  let pending = new Map<string, { messages: CapturedMessage[]; stop: StopReason | null }>();
  let pendingCount = 0;
  let pendingBytes = 0;
  /** Messages dropped because too many waited for the database, since this instance started. */
  let dropped = 0;
  let counting: () => boolean = () => false;
  let wasCounting = false;
  let reconciledAt = 0;
  let chain = Promise.resolve();

  const arm = (recording: ArmedRecording): void =>
    void armed.set(recording.id, { ...recording, matches: recording.patterns.map(compileGlob), armedAt: Date.now() });
  const entry = (id: string) => pending.get(id) ?? pending.set(id, { messages: [], stop: null }).get(id)!;
  function end(id: string): void {
    armed.delete(id);
    ended.set(id, Date.now());
  }
  function finish(id: string, reason: StopReason): void {
    end(id);
    entry(id).stop = reason;
  }

  async function reconcile(): Promise<void> {
    const asOf = Date.now();
    const running = await runningRecordings(db);
    const ids = new Set(running.map((recording) => recording.id));
    for (const recording of running) if (!armed.has(recording.id) && !ended.has(recording.id)) arm(recording);
    // One armed after the read began may have committed after it: only older ones are dropped.
    for (const [id, recording] of armed) if (!ids.has(id) && recording.armedAt < asOf) armed.delete(id);
    // Once a read begun after its end no longer finds it running, the database has its stop: no need to remember it.
    for (const [id, at] of ended) if (at < asOf && !ids.has(id)) ended.delete(id);
    reconciledAt = asOf;
  }

  async function flush(): Promise<void> {
    const now = Date.now();
    for (const [id, recording] of armed) if (now > recording.deadline) finish(id, 'maxSeconds');
    const taken = pending;
    pending = new Map();
    pendingCount = 0;
    pendingBytes = 0;
    for (const [id, { messages, stop }] of taken)
      await storeCaptured(db, id, messages, stop).catch((error: unknown) => putBack(id, messages, stop, error));
  }

  /**
   * Keeps a batch the database refused for the next flush, in front of what was captured since: its stop always (else
   * the recording would stay `recording` for good), its messages while they fit the bounds. A recording whose row is
   * gone (P2025) is given up.
   */
  function putBack(id: string, messages: CapturedMessage[], stop: StopReason | null, error: unknown): void {
    if ((error as { code?: unknown }).code === 'P2025') {
      logFailure(`recording ${id} is gone: its ${messages.length} recorded messages are dropped`, error);
      return;
    }
    const back = entry(id);
    back.stop ??= stop;
    const bytes = messages.reduce((sum, message) => sum + storedBytes(message), 0);
    if (pendingCount + messages.length <= MAX_PENDING && pendingBytes + bytes <= maxPendingBytes) {
      back.messages = messages.concat(back.messages);
      pendingCount += messages.length;
      pendingBytes += bytes;
      logFailure(`could not store ${messages.length} recorded messages of recording ${id}; retrying`, error);
    } else {
      dropped += messages.length;
      logFailure(`could not store ${messages.length} recorded messages of recording ${id}; they are dropped, its stop retried`, error);
    }
  }

  async function tick(): Promise<void> {
    const now = counting();
    if (now && (!wasCounting || Date.now() - reconciledAt >= RECONCILE_MS))
      await reconcile().catch((error: unknown) => logFailure('could not read the running recordings', error));
    // An instance that stops counting forgets them: another captures now, and it reads them afresh if it counts again.
    if (!now) {
      armed.clear();
      ended.clear();
    }
    wasCounting = now;
    await flush();
  }
  const queue = (task: () => Promise<void>): Promise<void> => (chain = chain.then(task, task));
  const ticker = setInterval(() => void queue(tick), flushMs);
  subscriber.subscribe(channel).catch((error: unknown) => logFailure('could not subscribe to the recordings channel', error));

  return {
    control(name, payload) {
      if (name !== channel) return false;
      const notice = decodeNotice(payload);
      if (notice?.op === 'start') arm({ ...notice, messages: 0, bytes: 0 });
      else if (notice?.op === 'stop') end(notice.id);
      return true;
    },
    record(name, payload, receivedAt) {
      for (const recording of armed.values()) {
        if (!recording.matches.some((matches) => matches(name))) continue;
        if (receivedAt > recording.deadline) {
          finish(recording.id, 'maxSeconds');
          continue;
        }
        const message = { channel: name, payload: Buffer.from(payload.subarray(0, messageBytes)), size: payload.length, receivedAt };
        const bytes = storedBytes(message);
        if (recording.bytes + bytes > RECORDING_MAX_BYTES) {
          finish(recording.id, 'maxBytes');
          continue;
        }
        if (pendingCount >= MAX_PENDING || pendingBytes + bytes > maxPendingBytes) {
          dropped += 1;
          logDropped(
            `recorded messages are dropped: ${pendingCount} messages of ${pendingBytes} bytes wait for the database already (${dropped} dropped since start)`,
          );
          continue;
        }
        entry(recording.id).messages.push(message);
        pendingCount += 1;
        pendingBytes += bytes;
        recording.messages += 1;
        recording.bytes += bytes;
        if (recording.messages >= recording.maxMessages) finish(recording.id, 'maxMessages');
      }
    },
    attach(isCounting) {
      counting = isCounting;
    },
    settle: () => queue(flush),
    async stop() {
      clearInterval(ticker);
      await queue(flush);
      subscriber.unsubscribe(channel).catch(() => {});
    },
  };
}
