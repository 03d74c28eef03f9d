export { authenticate, issueApiKey, registerApiKey } from './api-key-service.js';
export { requireAdmin, requireAdminOrPhone, requireWriter } from './authorization.js';
export { type OnceGuard, once } from './run-once.js';
export { describePrincipal, phoneOf, type Principal } from './principal.js';
export type { RequestContext } from './request-context.js';
