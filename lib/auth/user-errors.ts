/** An invitation for an email that already has a user: nothing was created. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError' as const;
  constructor(readonly email: string) {
    super(`${email} already has a user; change that user's role instead, or invite another address.`);
  }
}

/** No user has this id or email. */
export class UserNotFoundError extends Error {
  override readonly name = 'UserNotFoundError' as const;
  constructor(what: string) {
    super(`No user has ${what}; list the users to find them.`);
  }
}

/** A role change or deactivation that would lock everyone out, or an admin out of their own account: nothing was changed. */
export class UserChangeRefusedError extends Error {
  override readonly name = 'UserChangeRefusedError' as const;
}
