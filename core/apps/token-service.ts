import type { Principal } from '../access/index.js';
import { expiresAt, type Store, type TransactItem, writeAll } from '../db/index.js';
import type { App, Grant, TokenRecord } from './app.js';
import { getGrant, grantPut } from './grant-repository.js';
import { type OAuthRefusal, refusal } from './oauth-refusal.js';
import { PUBLIC_SCOPE, type Scope } from './scopes.js';
import { randomSecret, sha256 } from './secrets.js';
import { ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_SECONDS } from './token-lifetimes.js';
import { deleteToken, getToken, getTokenAndApp, putToken, refreshTokenUse, tokenDelete, tokenPut } from './token-repository.js';

/** What the token endpoint answers (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

/** A token's value: its kind, its app's client_id (so that one read finds both) and 256 random bits. */
const newTokenValue = (kind: 'at' | 'rt', clientId: string) => `${kind}.${clientId}.${randomSecret()}`;

/** The client_id a presented token names, or null when it has not a token's shape. */
function clientIdOf(value: string): string | null {
  const [kind, clientId, random] = value.split('.');
  return (kind === 'at' || kind === 'rt') && clientId && random && value.length < 200 ? clientId : null;
}

const tokenRecord = (kind: TokenRecord['kind'], clientId: string, phone: string | null, scopes: Scope[], now: Date): TokenRecord => ({
  kind,
  clientId,
  phone,
  scopes,
  createdAt: now.toISOString(),
  expiresAt: expiresAt(now, kind === 'ACCESS' ? ACCESS_TOKEN_SECONDS : REFRESH_TOKEN_SECONDS),
  usedAt: null,
});

/** Client credentials (RFC 6749 §4.4): the app's own token, which reads what is public. */
export async function issueAppToken(store: Store, app: App, now: Date): Promise<TokenResponse> {
  const value = newTokenValue('at', app.clientId);
  await putToken(store, sha256(value), tokenRecord('ACCESS', app.clientId, null, [PUBLIC_SCOPE], now));
  return { access_token: value, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: PUBLIC_SCOPE };
}

/** Whether a presented bearer credential has the shape of one of our OAuth tokens (else it may be an API key). */
export const isOAuthToken = (value: string) => clientIdOf(value) !== null;

/**
 * The caller a presented access token stands for, with its app, or null when it is unknown, expired,
 * revoked, or its app is disabled. One strongly consistent read of the token and its app: a revocation
 * or a disabled app takes effect on the next request.
 */
export async function authenticateToken(store: Store, value: string, now: Date): Promise<{ principal: Principal; app: App } | null> {
  const clientId = clientIdOf(value);
  if (!clientId) return null;
  const [token, app] = await getTokenAndApp(store, sha256(value), clientId);
  if (!token || !app || token.kind !== 'ACCESS' || token.clientId !== clientId || app.status !== 'ACTIVE') return null;
  if (token.expiresAt * 1000 <= now.getTime()) return null;
  const via = { clientId, scopes: token.scopes };
  return { principal: token.phone ? { kind: 'PHONE', phone: token.phone, via } : { kind: 'APP', name: app.name, via }, app };
}

/**
 * A grant's new pair of tokens, written in one transaction with the grant (its scopes now `scopes`
 * joined to what it had) and whatever else the change holds (`alongside`); the grant's previous
 * tokens are deleted, so that a grant has one live pair, except a refresh token being exchanged
 * (`exchanged`), which stays, marked used, to tell its reuse. 'stale' when the grant changed meanwhile.
 */
export async function writeGrantTokens(
  store: Store,
  app: App,
  phone: string,
  scopes: Scope[],
  before: Grant | null,
  alongside: TransactItem[],
  now: Date,
  exchanged: string | null = null,
): Promise<TokenResponse | 'stale'> {
  const access = newTokenValue('at', app.clientId);
  const refresh = newTokenValue('rt', app.clientId);
  const grant: Grant = {
    phone,
    clientId: app.clientId,
    appName: app.name,
    scopes: [...new Set([...(before?.status === 'ACTIVE' ? before.scopes : []), ...scopes])],
    status: 'ACTIVE',
    version: (before?.version ?? 0) + 1,
    accessHash: sha256(access),
    refreshHash: sha256(refresh),
    createdAt: before?.createdAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const items = [
    ...alongside,
    grantPut(store, grant, before),
    tokenPut(store, grant.accessHash!, tokenRecord('ACCESS', app.clientId, phone, scopes, now)),
    tokenPut(store, grant.refreshHash!, tokenRecord('REFRESH', app.clientId, phone, scopes, now)),
    ...previousTokens(store, before, exchanged),
  ];
  if ((await writeAll(store, items)) === 'stale') return 'stale';
  return { access_token: access, token_type: 'Bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: scopes.join(' '), refresh_token: refresh };
}

/** The Deletes of a grant's live tokens, but the one it keeps. */
function previousTokens(store: Store, grant: Grant | null, keep: string | null = null): TransactItem[] {
  return [grant?.accessHash, grant?.refreshHash]
    .filter((hash): hash is string => !!hash && hash !== keep)
    .map((hash) => tokenDelete(store, hash));
}

/**
 * Refresh (RFC 6749 §6) with rotation: a refresh token is exchanged once for a new pair; presented
 * again, it revokes its grant (OAuth 2.0 Security BCP §4.14), since one of its holders is not the app.
 */
export async function refreshTokens(store: Store, app: App, value: string, now: Date): Promise<TokenResponse | OAuthRefusal> {
  const hash = sha256(value);
  const token = clientIdOf(value) === app.clientId ? await getToken(store, hash) : null;
  if (token?.kind !== 'REFRESH' || token.clientId !== app.clientId || !token.phone) {
    return refusal('invalid_grant', 'the refresh token is not one of this client');
  }
  if (token.expiresAt * 1000 <= now.getTime()) return refusal('invalid_grant', 'the refresh token has expired');
  const grant = await getGrant(store, token.phone, app.clientId);
  if (token.usedAt !== null || grant?.refreshHash !== hash) {
    if (grant?.status === 'ACTIVE') await revokeGrant(store, token.phone, app.clientId, now);
    return refusal('invalid_grant', 'the refresh token was used before: the grant is revoked');
  }
  const use = refreshTokenUse(store, hash, now.toISOString());
  const written = await writeGrantTokens(store, app, token.phone, token.scopes, grant, [use], now, hash);
  // Another exchange of the same token won the race: that is a reuse too.
  if (written === 'stale') return refreshTokens(store, app, value, now);
  return written;
}

/** Takes back what a phone let an app do: the grant is marked revoked and its tokens deleted, at once. */
export async function revokeGrant(store: Store, phone: string, clientId: string, now: Date): Promise<Grant | null> {
  for (;;) {
    const grant = await getGrant(store, phone, clientId);
    if (!grant || grant.status === 'REVOKED') return grant;
    const revoked: Grant = {
      ...grant,
      status: 'REVOKED',
      version: grant.version + 1,
      accessHash: null,
      refreshHash: null,
      updatedAt: now.toISOString(),
    };
    if ((await writeAll(store, [grantPut(store, revoked, grant), ...previousTokens(store, grant)])) === 'done') return revoked;
  }
}

/**
 * Revocation (RFC 7009): a client's access token is deleted; its refresh token takes its whole grant
 * with it. A token that is unknown or another client's changes nothing, and is answered the same.
 */
export async function revokeToken(store: Store, app: App, value: string, now: Date): Promise<void> {
  if (clientIdOf(value) !== app.clientId) return;
  const hash = sha256(value);
  const token = await getToken(store, hash);
  if (!token || token.clientId !== app.clientId) return;
  if (token.kind === 'REFRESH' && token.phone) await revokeGrant(store, token.phone, app.clientId, now);
  else await deleteToken(store, hash);
}
