import type { MpesaConfig } from '../config/index.js';
import type { Store } from '../db/index.js';
import type { Principal } from './principal.js';

/**
 * Who asks, where the data is, and the clock: what a service function acting for a caller receives
 * first. Work with no caller (authenticating a key, an M-Pesa callback, a sweeper) takes the store
 * and the time instead.
 */
export interface RequestContext {
  principal: Principal;
  store: Store;
  requestId: string;
  now: () => Date;
  /** M-Pesa, where this function may start payments; absent or null where it may not. */
  mpesa?: MpesaConfig | null;
}
