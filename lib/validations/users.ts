import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';

/** The longest email address SMTP allows (RFC 5321). */
export const MAX_EMAIL_LENGTH = 254;
/** The longest display name a user may have. */
export const MAX_NAME_LENGTH = 100;

/** An email address, trimmed and in lower case, as better-auth compares them. */
export const EmailSchema = z
  .string({ error: 'email is required: the address the person signs in with' })
  .trim()
  .max(MAX_EMAIL_LENGTH, { error: `The email is longer than ${MAX_EMAIL_LENGTH} characters.` })
  .toLowerCase()
  .pipe(z.email({ error: 'The email is not an email address (name@example.com).' }));

/** A role by name: viewer, editor or admin. */
export const RoleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });

/** A display name: printable, at most MAX_NAME_LENGTH characters; empty means "named after the email". */
export const NameSchema = z
  .string({ error: 'name must be text' })
  .trim()
  .max(MAX_NAME_LENGTH, { error: `The name is longer than ${MAX_NAME_LENGTH} characters.` })
  .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'The name contains control characters; use printable characters only.' });

/** `POST /api/users`, the invite form and `npm run users -- add`: who to invite, with which role. */
export const InviteUserSchema = z.strictObject(
  { email: EmailSchema, name: NameSchema.optional(), role: RoleSchema },
  { error: 'Send { "email", "name"?, "role" }' },
);

export type InviteUser = z.infer<typeof InviteUserSchema>;

/** `PATCH /api/users/:id`: a new role, and `active: false` to deactivate (true to reactivate); at least one of them. */
export const UserChangeSchema = z
  .strictObject({ role: RoleSchema.optional(), active: z.boolean({ error: 'active must be true or false' }).optional() })
  .refine((change) => change.role !== undefined || change.active !== undefined, { error: 'Send { "role" } or { "active" }, or both.' });

export type UserChange = z.infer<typeof UserChangeSchema>;
