import { ForbiddenError } from '../common/index.js';
import type { Principal } from './principal.js';

export function requireAdmin(principal: Principal): ForbiddenError | null {
  return principal.kind === 'ADMIN' ? null : new ForbiddenError('only an administrator may do this');
}

/** Admin, or the phone that owns the thing. */
export function requireAdminOrPhone(principal: Principal, ownerPhones: string[], what: string): ForbiddenError | null {
  if (principal.kind === 'ADMIN') return null;
  if (principal.kind === 'PHONE' && ownerPhones.includes(principal.phone)) return null;
  return new ForbiddenError(`you may not ${what}`);
}

/** Apps have read-only keys; admins and phones may write. */
export function requireWriter(principal: Principal): ForbiddenError | null {
  return principal.kind === 'APP' ? new ForbiddenError('this key is read-only') : null;
}

/**
 * The calling phone itself, never an app acting for it with a token: what only the villager may do
 * (answer an app's consent request, list or take back the apps it let in).
 */
export function requireOwnPhone(principal: Principal): string | ForbiddenError {
  if (principal.kind === 'PHONE' && !principal.via) return principal.phone;
  return new ForbiddenError('only the phone itself may do this, not an app or a key');
}
