/** The shortest password the portal accepts, for ADMIN_PASSWORD and for better-auth's own check. */
export const MIN_PASSWORD_LENGTH = 12;
