import { z } from 'zod';
import { MAX_TOKEN_DAYS, MAX_TOKEN_NAME_LENGTH } from '../validations/tokens.ts';
import { ROLES } from './roles.ts';

/** `POST /api/tokens`: a name, a role, and optionally days until it expires (never, when absent). */
export const CreateTokenSchema = z.object(
  {
    name: z
      .string({ error: 'name is required: say what the token is for, e.g. "ci-deploy"' })
      .trim()
      .min(1, { error: 'name is empty: say what the token is for, e.g. "ci-deploy"' })
      .max(MAX_TOKEN_NAME_LENGTH, { error: `name may be at most ${MAX_TOKEN_NAME_LENGTH} characters` })
      .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'name contains control characters; use printable characters only' }),
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    expiresInDays: z
      .number({ error: `expiresInDays must be a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or left out for no expiry` })
      .int({ error: 'expiresInDays must be a whole number of days' })
      .min(1, { error: 'expiresInDays must be at least 1' })
      .max(MAX_TOKEN_DAYS, { error: `expiresInDays may be at most ${MAX_TOKEN_DAYS} (ten years)` })
      .optional(),
  },
  { error: 'send a JSON object { "name", "role", "expiresInDays"? }' },
);

export type CreateTokenInput = z.infer<typeof CreateTokenSchema>;
