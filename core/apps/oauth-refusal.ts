/** The error codes of RFC 6749 §5.2, RFC 7009 and CIBA §11 and §13 that this server answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unknown_user_id'
  | 'invalid_binding_message'
  | 'authorization_pending'
  | 'slow_down'
  | 'access_denied'
  | 'expired_token';

/** A refused OAuth request: the endpoint answers it as a JSON error (400, or 401 for the client's authentication). */
export interface OAuthRefusal {
  error: OAuthErrorCode;
  error_description: string;
}

export const refusal = (error: OAuthErrorCode, description: string): OAuthRefusal => ({ error, error_description: description });

export const isRefusal = (value: unknown): value is OAuthRefusal =>
  typeof value === 'object' && value !== null && 'error' in value && 'error_description' in value;
