import type { MpesaConfig } from '../config/index.js';
import type { Principal } from './principal.js';
import type { Store } from '../db/index.js';

/** What every service function receives first: who asks, where the data is, and the clock. */
export interface RequestContext {
  principal: Principal;
  store: Store;
  requestId: string;
  now: () => Date;
  /** M-Pesa, where this function may start payments; absent or null where it may not. */
  mpesa?: MpesaConfig | null;
}
