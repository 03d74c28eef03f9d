export { authenticate, issueApiKey, registerApiKey } from './api-key-service.js';
export { requireAdmin, requireAdminOrPhone, requireWriter } from './authorization.js';
export { once } from './idempotent-mutation.js';
export { describePrincipal, phoneOf, type Principal } from './principal.js';
export type { RequestContext } from './request-context.js';
