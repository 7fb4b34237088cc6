import { z } from 'zod';
import { COMPATIBILITY_MODES } from '../../asyncapi/compatibility.ts';

/** `PUT /api/documents/:slug/compatibility` and the document page's select: a mode, or null to follow the default. */
export const CompatibilitySchema = z.object({
  mode: z.enum(COMPATIBILITY_MODES, { error: `mode must be one of ${COMPATIBILITY_MODES.join(', ')}, or null for the default` }).nullable(),
});
