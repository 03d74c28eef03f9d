import { randomInt } from 'node:crypto';
import { normalizePhone } from '../common/index.js';
import { expiresAt, type Store, writeAll } from '../db/index.js';
import type { App, ConsentNotice, ConsentRequest } from './app.js';
import { consentPuts, consentStatusUpdate, getConsentRequest, listPendingConsents, updateConsentRequest } from './consent-repository.js';
import { getGrant } from './grant-repository.js';
import { type OAuthRefusal, refusal } from './oauth-refusal.js';
import { parseScopes } from './scopes.js';
import { randomSecret, sha256 } from './secrets.js';
import { type TokenResponse, writeGrantTokens } from './token-service.js';

/** How long a request waits for the phone's answer, unless the app asks for less (`requested_expiry`). */
export const CONSENT_SECONDS = 600;
/** How often an app may poll at first (CIBA §7.3). */
const POLL_INTERVAL_SECONDS = 5;
/** Wrong codes that end a phone's waiting requests. */
export const MAX_WRONG_CODES = 5;
/** Requests a phone may have waiting at once, from all apps: no app can flood a phone with consent SMS. */
export const MAX_WAITING_CONSENTS = 3;

export interface ConsentAsk {
  loginHint: string;
  scope: string;
  bindingMessage: string | null;
  requestedExpiry: number | null;
}

/** What the backchannel endpoint answers (CIBA §7.3). */
export interface ConsentStarted {
  auth_req_id: string;
  expires_in: number;
  interval: number;
}

const codeHash = (requestHash: string, code: string) => sha256(`${requestHash}:${code}`);

function checkAsk(app: App, ask: ConsentAsk) {
  const phone = normalizePhone(ask.loginHint);
  if (!phone) return refusal('unknown_user_id', 'login_hint must be a phone number in international format');
  const scopes = parseScopes(ask.scope);
  if (!scopes || scopes.length === 0 || !scopes.every((scope) => app.scopes.includes(scope))) {
    return refusal('invalid_scope', `scope must name one or more of ${app.scopes.join(' ')}`);
  }
  // Shown in the SMS as it is: short, and in characters every phone shows.
  if (ask.bindingMessage !== null && !/^[A-Za-z0-9 -]{1,20}$/.test(ask.bindingMessage)) {
    return refusal('invalid_binding_message', 'binding_message must be 1 to 20 letters, digits, spaces or hyphens');
  }
  const expiry = ask.requestedExpiry ?? CONSENT_SECONDS;
  if (!Number.isInteger(expiry) || expiry < 1) return refusal('invalid_request', 'requested_expiry must be a whole number of seconds');
  return { phone, scopes, seconds: Math.min(expiry, CONSENT_SECONDS) };
}

/** An app asks a phone for consent (CIBA poll mode): the phone is sent a code to answer YES or NO with. */
export async function startConsent(store: Store, app: App, ask: ConsentAsk, now: Date): Promise<ConsentStarted | OAuthRefusal> {
  const checked = checkAsk(app, ask);
  if ('error' in checked) return checked;
  if ((await listPendingConsents(store, checked.phone, now)).length >= MAX_WAITING_CONSENTS) {
    return refusal('access_denied', `the phone has ${MAX_WAITING_CONSENTS} requests waiting for its answer; ask again when they end`);
  }
  const authReqId = randomSecret();
  const requestHash = sha256(authReqId);
  const code = String(randomInt(0, 10_000)).padStart(4, '0');
  const ends = expiresAt(now, checked.seconds);
  const common = {
    requestHash,
    phone: checked.phone,
    appName: app.name,
    scopes: checked.scopes,
    bindingMessage: ask.bindingMessage,
    expiresAt: ends,
  };
  const request: ConsentRequest = {
    ...common,
    clientId: app.clientId,
    codeHash: codeHash(requestHash, code),
    status: 'PENDING',
    wrongCodes: 0,
    intervalSeconds: POLL_INTERVAL_SECONDS,
    lastPolledAt: null,
    createdAt: now.toISOString(),
  };
  const notice: ConsentNotice = { ...common, code };
  await writeAll(store, consentPuts(store, request, notice));
  return { auth_req_id: authReqId, expires_in: checked.seconds, interval: POLL_INTERVAL_SECONDS };
}

export type ConsentAnswer =
  | { outcome: 'allowed' | 'denied'; appName: string }
  | { outcome: 'wrong-code'; triesLeft: number }
  | { outcome: 'nothing-waiting' };

/**
 * The phone answers YES or NO with a code (SMS). The code picks the request; a code that picks none
 * counts against every request waiting for the phone, and the fifth such code ends them.
 */
export async function answerConsent(store: Store, phone: string, code: string, allow: boolean, now: Date): Promise<ConsentAnswer> {
  const waiting = await listPendingConsents(store, phone, now);
  if (waiting.length === 0) return { outcome: 'nothing-waiting' };
  const chosen = waiting.find((request) => request.codeHash === codeHash(request.requestHash, code));
  if (chosen) return decideConsent(store, phone, chosen.requestHash, allow, now);
  let triesLeft = MAX_WRONG_CODES;
  for (const request of waiting) {
    const wrongCodes = request.wrongCodes + 1;
    await updateConsentRequest(store, request, { wrongCodes, ...(wrongCodes >= MAX_WRONG_CODES ? { status: 'ENDED' as const } : {}) });
    triesLeft = Math.min(triesLeft, MAX_WRONG_CODES - wrongCodes);
  }
  return { outcome: 'wrong-code', triesLeft };
}

/** The phone allows or denies one waiting request it has chosen (USSD, where the phone itself is the proof). */
export async function decideConsent(store: Store, phone: string, requestHash: string, allow: boolean, now: Date): Promise<ConsentAnswer> {
  const request = await getConsentRequest(store, requestHash);
  if (!request || request.phone !== phone || request.status !== 'PENDING' || request.expiresAt * 1000 <= now.getTime()) {
    return { outcome: 'nothing-waiting' };
  }
  const done = await updateConsentRequest(store, request, { status: allow ? 'ALLOWED' : 'DENIED' });
  if (done === 'stale') return decideConsent(store, phone, requestHash, allow, now);
  return { outcome: allow ? 'allowed' : 'denied', appName: request.appName };
}

/** The app polls the token endpoint with its auth_req_id (CIBA §10 and §11). */
export async function pollConsent(store: Store, app: App, authReqId: string, now: Date): Promise<TokenResponse | OAuthRefusal> {
  const request = await getConsentRequest(store, sha256(authReqId));
  if (!request || request.clientId !== app.clientId || request.status === 'ISSUED') {
    return refusal('invalid_grant', 'auth_req_id is not a waiting request of this client');
  }
  if (request.status === 'DENIED') return refusal('access_denied', 'the phone said no');
  if (request.status === 'ENDED') return refusal('access_denied', 'too many wrong codes were sent for this request');
  if (request.expiresAt * 1000 <= now.getTime()) return refusal('expired_token', 'the request expired before the phone answered');
  if (request.status === 'PENDING') return pollWaiting(store, request, now);
  const before = await getGrant(store, request.phone, app.clientId);
  const issued = consentStatusUpdate(store, request.requestHash, 'ALLOWED', 'ISSUED');
  const tokens = await writeGrantTokens(store, app, request.phone, request.scopes, before, [issued], now);
  return tokens === 'stale' ? pollConsent(store, app, authReqId, now) : tokens;
}

async function pollWaiting(store: Store, request: ConsentRequest, now: Date): Promise<OAuthRefusal> {
  const tooSoon = request.lastPolledAt !== null && now.getTime() - Date.parse(request.lastPolledAt) < request.intervalSeconds * 1000;
  const intervalSeconds = request.intervalSeconds + (tooSoon ? 5 : 0);
  await updateConsentRequest(store, request, { lastPolledAt: now.toISOString(), intervalSeconds });
  return tooSoon
    ? refusal('slow_down', `poll at most every ${intervalSeconds} seconds`)
    : refusal('authorization_pending', 'the phone has not answered yet');
}
