import { z } from 'zod';

/** The bounds of `POST /api/recordings` (and the /recordings form). */
export const MAX_RECORDING_NAME_LENGTH = 100;
export const MAX_RECORDING_PATTERNS = 10;
/** As the live tail's default LIVE_MAX_PATTERN_LENGTH. */
export const MAX_RECORDING_PATTERN_LENGTH = 256;
export const DEFAULT_RECORDING_MESSAGES = 10_000;
export const MAX_RECORDING_MESSAGES = 100_000;
export const DEFAULT_RECORDING_SECONDS = 600;
export const MAX_RECORDING_SECONDS = 86_400;
export const MAX_TOPIC_PREFIX_LENGTH = 200;
export const REPLAY_SPEEDS = ['1', '10', 'max'] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

const printable = /^[^\u0000-\u001f\u007f]*$/;

/** `POST /api/recordings`: a name, the tail's globs (checked as globs by lib/recordings/input.ts), and optionally its bounds. */
export const RecordingFormSchema = z.object(
  {
    name: z
      .string({ error: 'name is required: say what the recording is of, e.g. "orders before the release"' })
      .trim()
      .min(1, { error: 'name is empty: say what the recording is of' })
      .max(MAX_RECORDING_NAME_LENGTH, { error: `name may be at most ${MAX_RECORDING_NAME_LENGTH} characters` })
      .regex(printable, { error: 'name contains control characters; use printable characters only' }),
    patterns: z
      .array(z.string({ error: 'each pattern must be a string, a Redis glob such as "orders.*"' }), {
        error: 'patterns must be an array of Redis globs, e.g. ["orders.*"]',
      })
      .min(1, { error: 'patterns is empty: give at least one Redis glob, e.g. "orders.*"' })
      .max(MAX_RECORDING_PATTERNS, { error: `a recording follows at most ${MAX_RECORDING_PATTERNS} patterns` }),
    maxMessages: z
      .number({ error: `maxMessages must be a whole number from 1 to ${MAX_RECORDING_MESSAGES}` })
      .int({ error: 'maxMessages must be a whole number' })
      .min(1, { error: 'maxMessages must be at least 1' })
      .max(MAX_RECORDING_MESSAGES, { error: `maxMessages may be at most ${MAX_RECORDING_MESSAGES}` })
      .default(DEFAULT_RECORDING_MESSAGES),
    maxSeconds: z
      .number({ error: `maxSeconds must be a whole number from 1 to ${MAX_RECORDING_SECONDS}` })
      .int({ error: 'maxSeconds must be a whole number' })
      .min(1, { error: 'maxSeconds must be at least 1' })
      .max(MAX_RECORDING_SECONDS, { error: `maxSeconds may be at most ${MAX_RECORDING_SECONDS} (a day)` })
      .default(DEFAULT_RECORDING_SECONDS),
  },
  { error: 'send a JSON object { "name", "patterns", "maxMessages"?, "maxSeconds"? }' },
);
export type StartRecordingInput = z.infer<typeof RecordingFormSchema>;

/** `POST /api/recordings/:id/replay`: how fast, and optionally a prefix put before each channel. */
export const ReplaySchema = z.object(
  {
    speed: z.union([z.literal(1), z.literal(10), z.literal('max')], { error: 'speed must be 1, 10 or "max"' }),
    topicPrefix: z
      .string({ error: 'topicPrefix must be a string, e.g. "replay."' })
      .max(MAX_TOPIC_PREFIX_LENGTH, { error: `topicPrefix may be at most ${MAX_TOPIC_PREFIX_LENGTH} characters` })
      .regex(printable, { error: 'topicPrefix contains control characters' })
      .optional(),
  },
  { error: 'send a JSON object { "speed": 1 | 10 | "max", "topicPrefix"? }' },
);
export type ReplayInput = z.infer<typeof ReplaySchema>;
