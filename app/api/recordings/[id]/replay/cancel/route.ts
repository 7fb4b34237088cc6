import { DELETE } from '../route.ts';

export const dynamic = 'force-dynamic';

/** POST /api/recordings/:id/replay/cancel — cancels its running replay and answers the recording; 409 when none runs. */
export const POST = DELETE;
