import { z } from 'zod';
import { PublishRequestSchema, type PublishRequest } from '../../lib/validations/publish.ts';

/** What the publish schema refuses in a request: the topic's problems, shown at its field, and the rest. */
export interface RequestProblems {
  topic: string[];
  other: string[];
}

/**
 * Checks a request with the schema /api/publish parses it with, so the form says what is wrong before
 * sending; null when the handler would accept it.
 * @example requestProblems({ topic: '', payload: '{}' }) // { topic: ['The topic is empty: …'], other: [] }
 */
export function requestProblems(request: PublishRequest): RequestProblems | null {
  const parsed = PublishRequestSchema.safeParse(request);
  if (parsed.success) return null;
  const { formErrors, fieldErrors } = z.flattenError(parsed.error);
  const { topic = [], ...rest } = fieldErrors;
  return { topic, other: [...formErrors, ...Object.values(rest).flat()] };
}
