import type { StoreClient } from '../../prisma/db.ts';
import { log } from '../log.ts';
import { recordAudit } from './record.ts';

/** Emails are at most this long (RFC 5321); a longer one sent to sign in is kept cut to it. */
const MAX_EMAIL_CHARS = 320;

export interface FailedSignIn {
  /** The email as sent, lower-cased; empty when the body named none. */
  email: string;
  reason: string;
  ip: string | null;
}

/**
 * Records `user.login.failed` by an unknown actor (id `unknown`: whoever sent it proved nothing) under the email as
 * name, with the account the email belongs to as target, so that an admin finds attempts on an account by its email
 * without reading them as that user's own actions. A row that cannot be stored is logged:
 * the sign-in failed either way.
 * @example await recordFailedSignIn(db, { email, reason: 'wrong email or password', ip });
 */
export async function recordFailedSignIn(db: StoreClient, attempt: FailedSignIn): Promise<void> {
  const email = attempt.email.slice(0, MAX_EMAIL_CHARS);
  try {
    const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
    await recordAudit(db, {
      actor: { kind: 'user', id: 'unknown', name: email || 'unknown' },
      ip: attempt.ip,
      action: 'user.login.failed',
      target: user ? `user:${user.id}` : `email:${email}`,
      detail: { email, reason: attempt.reason },
    });
  } catch (error) {
    log.error(`could not audit a failed sign-in for ${email} from ${attempt.ip ?? 'an unknown address'}`, error);
  }
}
