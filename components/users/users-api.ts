import type { PortalUser } from '../../lib/auth/users.ts';
import type { InviteUser, UserChange } from '../../lib/validations/users.ts';

/** What an /api/users call came to: the answer's body, or what to tell the admin. */
export type ApiOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** The words of a refusal (`{ error, issues? }`), or the status when the answer has none. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; issues?: { message: string }[] };
  if (body.issues && body.issues.length > 0) return body.issues.map((issue) => issue.message).join(' ');
  return body.error ?? `The portal answered HTTP ${response.status}.`;
}

async function send<T>(url: string, method: 'POST' | 'PATCH', body: unknown): Promise<ApiOutcome<T>> {
  try {
    const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) return { ok: false, message: await refusal(response) };
    return { ok: true, value: (await response.json()) as T };
  } catch {
    return { ok: false, message: 'The portal did not answer; check that it is running and try again.' };
  }
}

/** POST /api/users: the invited user and their one-time password. */
export function inviteUser(input: InviteUser): Promise<ApiOutcome<{ user: PortalUser; password: string }>> {
  return send('/api/users', 'POST', input);
}

/** PATCH /api/users/:id: the changed user. */
export function changeUser(id: string, change: UserChange): Promise<ApiOutcome<PortalUser>> {
  return send(`/api/users/${encodeURIComponent(id)}`, 'PATCH', change);
}
