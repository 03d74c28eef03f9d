import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Principal } from '../../core/access/principal.js';
import type { RequestContext } from '../../core/access/request-context.js';
import { createStore, ensureTable, type Store } from '../../core/db/store.js';

/** A fresh table in the run's DynamoDB Local. */
export async function createTestStore(): Promise<Store> {
  const store = createStore({ tableName: `test-${randomUUID()}`, region: 'us-east-1', endpoint: inject('dynamoEndpoint') });
  await ensureTable(store);
  return store;
}

export function contextFor(store: Store, principal: Principal, now: () => Date = () => new Date()): RequestContext {
  return { principal, store, requestId: `test-${randomUUID()}`, now };
}

export const admin: Principal = { kind: 'ADMIN' };
export const phone = (number: string): Principal => ({ kind: 'PHONE', phone: number });
export const app: Principal = { kind: 'APP', name: 'test-app' };
