import { z } from 'zod';
import { LIFECYCLE_STATUSES } from '../../asyncapi/lifecycle.ts';

/** `PATCH /api/documents/:slug/versions/:version` and the status select: a lifecycle status. */
export const VersionStatusSchema = z.object({
  status: z.enum(LIFECYCLE_STATUSES, { error: `status must be one of ${LIFECYCLE_STATUSES.join(', ')}` }),
});
