import { randomBytes } from 'node:crypto';
import { type RequestContext, requireAdmin } from '../access/index.js';
import { type BusinessError, InvalidInputError, NotFoundError } from '../common/index.js';
import type { Store } from '../db/index.js';
import type { App, WebhookSecret } from './app.js';
import { getApp } from './app-repository.js';
import { replaceWebhookSecrets } from './webhook-repository.js';
import { type AddressLookup, checkWebhookHost } from './webhook-target.js';

/** After a rotation the old secret signs too, for this long, so that a receiver can switch over without losing a delivery. */
export const WEBHOOK_SECRET_OVERLAP_SECONDS = 24 * 60 * 60;

const newWebhookSecret = (at: string): WebhookSecret => ({
  secret: `whsec_${randomBytes(32).toString('base64')}`,
  createdAt: at,
  retiresAt: null,
});

/** The secrets a delivery is signed with now: the newest, and during an overlap the one it replaced. */
export function signingSecrets(app: App, now: Date): string[] {
  return (app.webhookSecrets ?? [])
    .filter((secret) => secret.retiresAt === null || Date.parse(secret.retiresAt) > now.getTime())
    .map((secret) => secret.secret);
}

/** What setting a webhook adds to an app: its first secret when it has none, and a disabled endpoint on again. */
export interface WebhookSetup {
  webhookSecrets?: WebhookSecret[];
  webhookDisabledAt: null;
}

/**
 * A webhook set at registration (`app` null) or by a change: its host checked (public addresses only
 * in the cloud), and a first signing secret when the app has none yet.
 */
export async function webhookSetup(
  store: Store,
  app: { clientId: string } | null,
  url: string,
  isLocal: boolean,
  at: string,
  resolve?: AddressLookup,
): Promise<WebhookSetup | InvalidInputError> {
  const refused = await checkWebhookHost(url, isLocal, resolve);
  if (refused) return refused;
  const existing = app ? await getApp(store, app.clientId) : null;
  const hasSecret = (existing?.webhookSecrets ?? []).length > 0;
  return hasSecret ? { webhookDisabledAt: null } : { webhookSecrets: [newWebhookSecret(at)], webhookDisabledAt: null };
}

/** A rotated app and its new webhook secret, shown this once. */
export interface RotatedWebhookSecret {
  app: App;
  webhookSecret: string;
}

/**
 * An administrator gives an app's webhooks a new secret. The secrets still signing keep signing
 * for the overlap (deliveries carry every signature), those past it are dropped.
 */
export async function rotateWebhookSecret(ctx: RequestContext, clientId: string): Promise<RotatedWebhookSecret | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const app = await getApp(ctx.store, clientId);
  if (!app) return new NotFoundError('app', clientId);
  if (!app.webhook) return new InvalidInputError('clientId', 'has no webhook');
  const now = ctx.now();
  const overlapEnd = new Date(now.getTime() + WEBHOOK_SECRET_OVERLAP_SECONDS * 1000).toISOString();
  const kept = (app.webhookSecrets ?? [])
    .filter((secret) => secret.retiresAt === null || Date.parse(secret.retiresAt) > now.getTime())
    .map((secret) => ({
      ...secret,
      retiresAt: secret.retiresAt !== null && secret.retiresAt < overlapEnd ? secret.retiresAt : overlapEnd,
    }));
  const fresh = newWebhookSecret(now.toISOString());
  const rotated = await replaceWebhookSecrets(ctx.store, app, [...kept, fresh], now.toISOString());
  // Another change of the app came first: the administrator tries again on what it made.
  if (!rotated) return new InvalidInputError('clientId', 'changed meanwhile; rotate again');
  return { app: rotated, webhookSecret: fresh.secret };
}
