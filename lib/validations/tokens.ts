/** The longest token name (`POST /api/tokens` and the tokens form). */
export const MAX_TOKEN_NAME_LENGTH = 100;
/** The longest lifetime a token may be given, in days: ten years. */
export const MAX_TOKEN_DAYS = 3650;
