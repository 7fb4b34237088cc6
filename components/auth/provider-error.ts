/** What people are told for the errors better-auth and providers send back most, by their code. */
const KNOWN: Record<string, string> = {
  access_denied: 'The sign-in was cancelled or refused at the provider.',
  account_not_linked:
    'A portal user already has this email, and the provider did not say it verified the email, so the accounts were not joined. Ask an admin.',
  ACCOUNT_DEACTIVATED: 'This account is deactivated; ask an admin to reactivate it.',
  email_not_found: 'The provider sent no email address; the portal needs one (the `email` scope).',
  state_mismatch: 'The sign-in took too long or was started in another tab; try again.',
  state_not_found: 'The sign-in took too long or was started in another tab; try again.',
  please_restart_the_process: 'The sign-in took too long or was started in another tab; try again.',
  invalid_code: 'The provider’s answer could not be checked; try again, and ask an admin if it keeps failing.',
};

/** The longest error text shown: the query string is the provider's (or anyone's who links here). */
const MAX_TEXT = 300;

/**
 * The sentence for a failed provider sign-in that came back as `?error=…&error_description=…`: a known code's
 * explanation, else the provider's own description, with the code so an admin can look it up.
 * @example providerErrorMessage('access_denied', 'End-User aborted interaction') // 'The sign-in was cancelled … (access_denied: End-User aborted interaction)'
 */
export function providerErrorMessage(error: string, description: string | undefined): string {
  const code = error.slice(0, 100);
  const detail = description?.slice(0, MAX_TEXT);
  const known = Object.hasOwn(KNOWN, code) ? KNOWN[code] : undefined;
  const said = detail ? `${code}: ${detail}` : code;
  return known ? `${known} (${said})` : `The provider refused the sign-in (${said}).`;
}
