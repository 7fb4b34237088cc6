import { headers } from 'next/headers';
import { accountOfHeaders, actorOfHeaders, type SignedInAccount } from './actor.ts';
import { permissionsOf, type Permissions } from './permissions.ts';
import type { Actor } from './roles.ts';

/**
 * Who is looking at the page being rendered; null when signed out, and when the session cannot be read (the
 * database out of reach): a page then renders as for a signed-out visitor rather than fail.
 * @example const actor = await pageActor();
 */
export async function pageActor(): Promise<Actor | null> {
  return actorOfHeaders(await headers()).catch(() => null);
}

/**
 * Who is signed in on the page being rendered, also while on a one-time password (for the account menu); null as
 * `pageActor` is.
 * @example const account = await pageAccount();
 */
export async function pageAccount(): Promise<SignedInAccount | null> {
  return accountOfHeaders(await headers()).catch(() => null);
}

/**
 * What the visitor of the page being rendered may do, for its controls to hide or disable the rest.
 * @example <StatusSelect permissions={await pagePermissions()} … />
 */
export async function pagePermissions(): Promise<Permissions> {
  return permissionsOf(await pageActor());
}
