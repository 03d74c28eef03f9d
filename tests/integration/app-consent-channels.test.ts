import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { runOperation } from '../../channels/channel-graphql.js';
import { AnswerConsent, ConsentRequests, DecideConsent, MyApps, RevokeApp } from '../../channels/operations/app-operations.js';
import { handleInboundSms } from '../../channels/sms/sms-inbound.js';
import { handleUssd } from '../../channels/ussd/ussd-session.js';
import type { Principal } from '../../core/access/principal.js';
import type { App } from '../../core/apps/app.js';
import { registerApp } from '../../core/apps/app-service.js';
import { pollConsent, startConsent } from '../../core/apps/consent-service.js';
import { appsOfPhone } from '../../core/apps/grant-service.js';
import { isRefusal } from '../../core/apps/oauth-refusal.js';
import { sha256 } from '../../core/apps/secrets.js';
import { authenticateToken } from '../../core/apps/token-service.js';
import { keys } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { joinServiceCenter, setLanguage, setNotifications } from '../../core/members/member-service.js';
import { BUYER, OTHER_BUYER, ok, seedCatalogue } from '../support/fixtures.js';
import { deliverNotifications, notificationsTo, sendPages } from '../support/notifications.js';
import { admin, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
let agriCoop: App;
let priceWatch: App;
let sid = 0;
const text = (from: string, body: string) => handleInboundSms(store, { from, body, messageSid: `SMconsent${++sid}` }, 'test', new Date());
const dial = (sessionId: string, input: string) => handleUssd(store, { sessionId, phoneNumber: BUYER, text: input }, 'test', new Date());

async function register(name: string, scopes: string[]): Promise<App> {
  return ok(await registerApp(contextFor(store, admin), { name, scopes }, true)).app;
}

/** An app asks a phone for consent; the phone's SMS is sent. Returns the auth_req_id and the code the SMS carried. */
async function ask(app: App, to: string, scope: string, bindingMessage: string | null = null) {
  const started = await startConsent(store, app, { loginHint: to, scope, bindingMessage, requestedExpiry: null }, new Date());
  if (isRefusal(started)) throw new Error(started.error_description);
  const sent = (await deliverNotifications(store)).filter((sms) => sms.to === to);
  expect(sent).toHaveLength(1);
  const code = sent[0]!.notification.kind === 'CONSENT_REQUEST' ? sent[0]!.notification.code! : '';
  return { authReqId: started.auth_req_id, code, sms: sent[0]! };
}

const poll = (app: App, authReqId: string) => pollConsent(store, app, authReqId, new Date());

beforeEach(async () => {
  store = await createTestStore();
  await seedCatalogue(store);
  ok(await joinServiceCenter(contextFor(store, phone(BUYER)), 'TST01'));
  agriCoop = await register('AgriCoop', ['orders.read', 'orders.write']);
  priceWatch = await register('PriceWatch', ['prices.write']);
});

describe('the consent SMS', () => {
  it("is sent once, in the phone's language, and its code is forgotten once sent and never kept", async () => {
    const { authReqId, code, sms } = await ask(agriCoop, BUYER, 'orders.write orders.read', 'ABC 12');
    expect(sms.body).toBe(`AgriCoop asks to place orders and see your orders (ref: ABC 12). Reply YES ${code} to allow.`);
    const requestHash = sha256(authReqId);
    const notice = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.consentNotice(requestHash) }));
    expect(notice.Item).toBeUndefined();
    const [kept] = await notificationsTo(store, BUYER);
    expect(kept).toMatchObject({ status: 'SENT', notification: { kind: 'CONSENT_REQUEST', requestHash, appName: 'AgriCoop' } });
    expect(kept!.notification).not.toHaveProperty('code');
    expect(kept!.body).toBe('AgriCoop asks to place orders and see your orders (ref: ABC 12). Reply YES **** to allow.');
    // The same request delivered again (the stream or the queue repeats itself) sends nothing.
    expect(await sendPages(store, [[{ id: kept!.id, to: BUYER, notification: sms.notification }]])).toEqual([]);
  });

  it('speaks Swahili to a phone that chose it, and comes after STOP: the villager is giving consent right then', async () => {
    ok(await setLanguage(contextFor(store, phone(OTHER_BUYER)), 'sw'));
    ok(await setNotifications(contextFor(store, phone(OTHER_BUYER)), false));
    const { code, sms } = await ask(priceWatch, OTHER_BUYER, 'prices.write');
    expect(sms.body).toBe(`PriceWatch inaomba ruhusa kuripoti bei. Jibu NDIYO ${code} kukubali.`);
  });

  it('is not sent when its request has ended before the SMS could go out', async () => {
    const started = await startConsent(
      store,
      agriCoop,
      { loginHint: BUYER, scope: 'orders.read', bindingMessage: null, requestedExpiry: 1 },
      new Date(Date.now() - 5_000),
    );
    if (isRefusal(started)) throw new Error(started.error_description);
    expect((await deliverNotifications(store)).filter((sms) => sms.to === BUYER)).toEqual([]);
    const [kept] = await notificationsTo(store, BUYER);
    expect(kept).toMatchObject({ status: 'SKIPPED', error: 'the request has ended', notification: { kind: 'CONSENT_REQUEST' } });
  });
});

describe('answers by SMS', () => {
  it('YES with the code lets the app in: its poll gets tokens', async () => {
    const { authReqId, code } = await ask(agriCoop, BUYER, 'orders.read');
    expect(await text(BUYER, `YES ${code}`)).toBe('AgriCoop may now act for you. APPS lists your apps; REVOKE takes one back.');
    const tokens = await poll(agriCoop, authReqId);
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'orders.read' });
  });

  it('NO with the code refuses it: its poll gets access_denied', async () => {
    const { authReqId, code } = await ask(agriCoop, BUYER, 'orders.read');
    expect(await text(BUYER, `NO ${code}`)).toBe('You said no to AgriCoop. It was given no access.');
    expect(await poll(agriCoop, authReqId)).toMatchObject({ error: 'access_denied' });
  });

  it('counts a wrong code, and says when nothing is waiting', async () => {
    const { authReqId, code } = await ask(agriCoop, BUYER, 'orders.read');
    const wrong = code === '0000' ? '0001' : '0000';
    expect(await text(BUYER, `YES ${wrong}`)).toBe('Wrong code. 4 tries left.');
    expect(await poll(agriCoop, authReqId)).toMatchObject({ error: 'authorization_pending' });
    expect(await text(BUYER, `YES ${code}`)).toMatch(/^AgriCoop may now act for you/);
    expect(await text(BUYER, `YES ${code}`)).toBe('No app is waiting for your answer. A request ends after 10 minutes.');
  });

  it('APPS lists the apps let in with what each may do, and REVOKE <n> takes one back at once', async () => {
    expect(await text(BUYER, 'APPS')).toBe('No app may act for you. An app asks you first, by SMS.');
    const first = await ask(agriCoop, BUYER, 'orders.write orders.read');
    await text(BUYER, `YES ${first.code}`);
    const tokens = await poll(agriCoop, first.authReqId);
    if (isRefusal(tokens)) throw new Error(tokens.error);
    const second = await ask(priceWatch, BUYER, 'prices.write');
    await text(BUYER, `YES ${second.code}`);
    // An app is let in when it collects its tokens.
    await poll(priceWatch, second.authReqId);
    expect(await text(BUYER, 'APPS')).toBe(
      'Your apps (REVOKE <n> takes one back): 1) AgriCoop: place orders and see your orders; 2) PriceWatch: report prices',
    );
    expect(await authenticateToken(store, tokens.access_token, new Date())).not.toBeNull();
    expect(await text(BUYER, 'REVOKE 1')).toBe('AgriCoop may no longer act for you.');
    expect(await authenticateToken(store, tokens.access_token, new Date())).toBeNull();
    expect(await text(BUYER, 'APPS')).toBe('Your apps (REVOKE <n> takes one back): 1) PriceWatch: report prices');
    expect(await text(BUYER, 'REVOKE 5')).toBe('You have no app 5. Send APPS to see yours.');
  });
});

describe('the GraphQL fields of consent', () => {
  it('are for the phone itself: an app acting with a token, an app key or an administrator is refused', async () => {
    const { code } = await ask(agriCoop, BUYER, 'orders.read');
    const callers: Principal[] = [
      { kind: 'PHONE', phone: BUYER, via: { clientId: agriCoop.clientId, scopes: ['orders.read', 'orders.write'] } },
      { kind: 'APP', name: 'test-app' },
      { kind: 'APP', name: 'test-app', via: { clientId: agriCoop.clientId, scopes: ['catalogue.read'] } },
      admin,
    ];
    for (const caller of callers) {
      const ctx = contextFor(store, caller);
      expect((await runOperation(ctx, AnswerConsent, { code, allow: true })).answerConsent.__typename).toBe('ForbiddenError');
      expect((await runOperation(ctx, MyApps)).myApps.__typename).toBe('ForbiddenError');
      expect((await runOperation(ctx, ConsentRequests)).consentRequests.__typename).toBe('ForbiddenError');
      expect((await runOperation(ctx, DecideConsent, { requestId: 'x', allow: true })).decideConsent.__typename).toBe('ForbiddenError');
      expect((await runOperation(ctx, RevokeApp, { clientId: agriCoop.clientId })).revokeApp.__typename).toBe('ForbiddenError');
    }
    // Still waiting: none of them counted as an answer.
    const { consentRequests } = await runOperation(contextFor(store, phone(BUYER)), ConsentRequests);
    expect(consentRequests).toMatchObject({
      __typename: 'ConsentRequestsSuccess',
      data: [{ appName: 'AgriCoop', scopes: ['orders.read'] }],
    });
  });
});

describe('the USSD Apps menu', () => {
  // A Tanzanian number hears Swahili until it chooses a language.
  beforeEach(async () => {
    ok(await setLanguage(contextFor(store, phone(BUYER)), 'en'));
  });

  it('allows a waiting request, answers a repeated hop the same, then takes the access back', async () => {
    const { authReqId } = await ask(agriCoop, BUYER, 'orders.write orders.read', 'ABC 12');
    expect((await dial('s1', '')).text.split('\n').at(-1)).toBe('6 Apps');
    expect(await dial('s1', '6')).toEqual({ kind: 'CON', text: 'Apps:\n1 AgriCoop asks you\n0 Back' });
    expect(await dial('s1', '6*1')).toEqual({
      kind: 'CON',
      text: 'AgriCoop asks to place orders and see your orders (ref: ABC 12).\n1 Allow\n2 Deny\n0 Back',
    });
    const allowed = { kind: 'END', text: 'AgriCoop may now act for you.' };
    expect(await dial('s1', '6*1*1')).toEqual(allowed);
    expect(await dial('s1', '6*1*1')).toEqual(allowed);
    expect(await poll(agriCoop, authReqId)).toMatchObject({ token_type: 'Bearer' });

    expect(await dial('s2', '6')).toEqual({ kind: 'CON', text: 'Apps:\n1 AgriCoop\n0 Back' });
    expect(await dial('s2', '6*1')).toEqual({
      kind: 'CON',
      text: 'AgriCoop may place orders and see your orders.\n1 Take back access\n0 Back',
    });
    expect(await dial('s2', '6*1*1')).toEqual({ kind: 'END', text: 'AgriCoop may no longer act for you.' });
    expect(await appsOfPhone(store, BUYER)).toEqual([]);
  });

  it('denies a waiting request: the app is told no', async () => {
    const { authReqId } = await ask(priceWatch, BUYER, 'prices.write');
    expect(await dial('s3', '6*1*2')).toEqual({ kind: 'END', text: 'You said no to PriceWatch. It was given no access.' });
    expect(await poll(priceWatch, authReqId)).toMatchObject({ error: 'access_denied' });
    expect(await dial('s4', '6')).toEqual({ kind: 'CON', text: 'No app asks or may act for you.\n0 Back' });
  });
});
