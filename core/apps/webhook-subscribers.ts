import { getItems, keys, type Store } from '../db/index.js';
import type { App } from './app.js';
import { listGrants } from './grant-repository.js';
import type { Scope } from './scopes.js';
import type { WebhookEvent } from './webhook-target.js';

/** A phone that may read an entity, and the scope its grant must hold for an app to read it too. */
export interface WebhookReader {
  phone: string;
  scope: Scope;
}

/**
 * The apps an event goes to: the app that made the entity (`placedBy`) and those an active grant of a
 * reader lets read it; of them, the active ones whose webhook subscribes to the event and whose
 * endpoint has not answered 410.
 */
export async function webhookSubscribers(
  store: Store,
  event: WebhookEvent,
  placedBy: string | null,
  readers: WebhookReader[],
): Promise<App[]> {
  const phones = [...new Set(readers.map((reader) => reader.phone))];
  const grants = (await Promise.all(phones.map((phone) => listGrants(store, phone)))).flat();
  const clientIds = new Set(placedBy ? [placedBy] : []);
  for (const grant of grants) {
    const reads = readers.some((reader) => reader.phone === grant.phone && grant.scopes.includes(reader.scope));
    if (grant.status === 'ACTIVE' && reads) clientIds.add(grant.clientId);
  }
  if (clientIds.size === 0) return [];
  const apps = await getItems<App>(
    store,
    [...clientIds].map((clientId) => keys.app(clientId)),
  );
  return apps.filter(
    (app): app is App => app !== null && app.status === 'ACTIVE' && !app.webhookDisabledAt && !!app.webhook?.events.includes(event),
  );
}
