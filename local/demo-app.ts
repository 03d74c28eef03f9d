import { registerApp } from '../core/apps/index.js';
import { BusinessError } from '../core/common/index.js';
import type { Store } from '../core/db/index.js';

/** Where `npm run example-app` listens for the demo app's webhooks. */
export const EXAMPLE_APP_WEBHOOK_URL = 'http://127.0.0.1:4100/webhooks';

/** The demo app's credentials, shown once by the banner and to `npm run example-app` by the local simulator API. */
export interface DemoApp {
  clientId: string;
  clientSecret: string;
  webhookUrl: string;
  webhookSecret: string | null;
}

/** A new demo app at every start, as an administrator registers one: its secrets exist only as hashes in the table. */
export async function registerDemoApp(store: Store, now: Date): Promise<DemoApp> {
  const admin = { principal: { kind: 'ADMIN' as const }, store, requestId: 'demo-app', now: () => now };
  const input = {
    name: 'Demo Coop',
    scopes: ['catalogue.read', 'orders.read', 'orders.write'],
    webhook: { url: EXAMPLE_APP_WEBHOOK_URL, events: ['order.created', 'order.updated'] },
  };
  const made = await registerApp(admin, input, true);
  if (made instanceof BusinessError) throw new Error(`the demo app could not be registered: ${made.message}`);
  return {
    clientId: made.app.clientId,
    clientSecret: made.clientSecret,
    webhookUrl: EXAMPLE_APP_WEBHOOK_URL,
    webhookSecret: made.webhookSecret ?? null,
  };
}
