export { type ApiKeyRecord, apiKeyItem } from './api-key-repository.js';
export { authenticate, issueApiKey, registerApiKey } from './api-key-service.js';
export { requireAdmin, requireAdminOrPhone, requireOwnPhone, requireWriter } from './authorization.js';
export {
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyGuard,
  type IdempotencyRecord,
  type IdempotentRequest,
  idempotencyPut,
  idempotentRequest,
  liveIdempotencyRecord,
  runIdempotent,
} from './idempotency.js';
export { type AppAccess, describePrincipal, type Principal, phoneOf } from './principal.js';
export type { RequestContext } from './request-context.js';
