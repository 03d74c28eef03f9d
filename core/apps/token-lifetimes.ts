/** An access token lives an hour: a revoked one stops at once anyway, since every request reads it. */
export const ACCESS_TOKEN_SECONDS = 3600;
/** A refresh token lives 90 days; each exchange gives a new one. */
export const REFRESH_TOKEN_SECONDS = 90 * 24 * 3600;
