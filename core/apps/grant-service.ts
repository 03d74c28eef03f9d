import type { Store } from '../db/index.js';
import type { Grant } from './app.js';
import { listGrants } from './grant-repository.js';

/** The apps a phone has let in and not taken back, in the order they were first let in. */
export async function appsOfPhone(store: Store, phone: string): Promise<Grant[]> {
  const grants = await listGrants(store, phone);
  return grants.filter((grant) => grant.status === 'ACTIVE').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
