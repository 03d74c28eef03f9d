import { type RequestContext, requireAdmin } from '../access/index.js';
import {
  BusinessError,
  checkInteger,
  checkPageRequest,
  cleanText,
  collect,
  InvalidInputError,
  NotFoundError,
  notACursor,
  type PageRequest,
} from '../common/index.js';
import type { Page } from '../db/index.js';
import type { App } from './app.js';
import { getApp, listApps, putNewApp, updateApp } from './app-repository.js';
import { parseScopes, type Scope } from './scopes.js';
import { matchesHash, newClientId, randomSecret, sha256 } from './secrets.js';
import { webhookSetup } from './webhook-secrets.js';
import { checkWebhook, type WebhookInput } from './webhook-target.js';

/** An app's request budget when its registration names none. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;
/**
 * The largest request budget a registration may set: 3,000 a second, what one partition serves of the
 * strongly consistent reads of the app's item that every request with its token makes.
 */
export const MAX_REQUESTS_PER_MINUTE = 180_000;

export interface AppInput {
  name: string;
  scopes: string[];
  requestsPerMinute?: number | null;
  webhook?: WebhookInput | null;
}

/** A registered app and its client_secret, which is shown this once and kept only as a hash. */
export interface AppWithSecret {
  app: App;
  clientSecret: string;
  /** Its webhooks' first signing secret, shown this once, when its registration sets a webhook. */
  webhookSecret?: string;
}

function cleanScopes(scopes: string[]): Scope[] | InvalidInputError {
  const parsed = parseScopes(scopes.join(' '));
  return parsed && parsed.length > 0 ? parsed : new InvalidInputError('scopes', 'must name one or more known scopes');
}

function cleanAppInput(input: AppInput, isLocal: boolean) {
  return collect({
    name: cleanText('name', input.name, 60),
    scopes: cleanScopes(input.scopes),
    requestsPerMinute: checkInteger(
      'requestsPerMinute',
      input.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
      1,
      MAX_REQUESTS_PER_MINUTE,
    ),
    webhook: input.webhook ? checkWebhook(input.webhook, isLocal) : null,
  });
}

/** An administrator registers an app: it gets a client_id and a client_secret. */
export async function registerApp(ctx: RequestContext, input: AppInput, isLocal: boolean): Promise<AppWithSecret | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const clean = cleanAppInput(input, isLocal);
  if (clean instanceof BusinessError) return clean;
  const clientSecret = randomSecret();
  const at = ctx.now().toISOString();
  const hook = clean.webhook ? await webhookSetup(ctx.store, null, clean.webhook.url, isLocal, at) : null;
  if (hook instanceof BusinessError) return hook;
  const webhookSecrets = hook?.webhookSecrets ?? [];
  const app: App = {
    clientId: newClientId(),
    ...clean,
    status: 'ACTIVE',
    secretHash: sha256(clientSecret),
    webhookSecrets,
    webhookDisabledAt: null,
    createdAt: at,
    updatedAt: at,
  };
  await putNewApp(ctx.store, app);
  return { app, clientSecret, ...(webhookSecrets[0] ? { webhookSecret: webhookSecrets[0].secret } : {}) };
}

/** An administrator changes an app's name, scopes, budget or webhook; what it leaves out stays. */
export async function changeApp(ctx: RequestContext, clientId: string, input: AppInput, isLocal: boolean): Promise<App | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const clean = cleanAppInput(input, isLocal);
  if (clean instanceof BusinessError) return clean;
  const at = ctx.now().toISOString();
  // A webhook set anew gets a first secret if the app has none (rotateWebhookSecret shows a new one), and is on again after a 410.
  const hook = clean.webhook ? await webhookSetup(ctx.store, { clientId }, clean.webhook.url, isLocal, at) : {};
  if (hook instanceof BusinessError) return hook;
  return (await updateApp(ctx.store, clientId, { ...clean, ...hook }, at)) ?? new NotFoundError('app', clientId);
}

/** A disabled app's tokens stop working at once: every request reads the app with its token. */
export async function disableApp(ctx: RequestContext, clientId: string): Promise<App | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  return (await updateApp(ctx.store, clientId, { status: 'DISABLED' }, ctx.now().toISOString())) ?? new NotFoundError('app', clientId);
}

/** A new client_secret; the old one stops authenticating at once. */
export async function rotateAppSecret(ctx: RequestContext, clientId: string): Promise<AppWithSecret | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const clientSecret = randomSecret();
  const app = await updateApp(ctx.store, clientId, { secretHash: sha256(clientSecret) }, ctx.now().toISOString());
  return app ? { app, clientSecret } : new NotFoundError('app', clientId);
}

export async function apps(ctx: RequestContext, page: PageRequest): Promise<Page<App> | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const request = checkPageRequest(page);
  if (request instanceof BusinessError) return request;
  return (await listApps(ctx.store, request)) ?? notACursor();
}

/** The app a client authenticates as (client_secret_basic or client_secret_post), or null: unknown, wrong secret or disabled. */
export async function authenticateClient(ctx: { store: RequestContext['store'] }, clientId: string, secret: string): Promise<App | null> {
  if (!/^app-[a-z2-7]{16}$/.test(clientId)) return null;
  const app = await getApp(ctx.store, clientId);
  return app && app.status === 'ACTIVE' && matchesHash(secret, app.secretHash) ? app : null;
}
