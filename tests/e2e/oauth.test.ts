import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { answerConsent } from '../../core/apps/index.js';
import { sha256 } from '../../core/apps/secrets.js';
import { createStore, keys, type Store } from '../../core/db/index.js';
import { startTestServer, type TestServer } from '../support/local-server.js';

// Every flow as a third-party app meets it, through a certified OAuth 2.0 client library.
const BUYER = '+255754100010';
const SELLER = '+255754100002';
let test: TestServer;
let store: Store;

beforeAll(async () => {
  test = await startTestServer(inject('dynamoEndpoint'), 'oauth');
  // The region npm start's program runs in (local/start.ts).
  store = createStore({ tableName: test.server.tableName, region: 'us-east-1', endpoint: test.server.dynamoEndpoint });
}, 90_000);
afterAll(() => test?.stop());

async function registerApp(
  name: string,
  scopes: string[],
  requestsPerMinute?: number,
): Promise<{ clientId: string; clientSecret: string }> {
  const { registerApp } = await test.graphql(
    `mutation ($input: AppInput!) { registerApp(input: $input) { ... on RegisterAppSuccess { data { app { clientId } clientSecret } } } }`,
    { input: { name, scopes, requestsPerMinute } },
  );
  return { clientId: registerApp.data.app.clientId, clientSecret: registerApp.data.clientSecret };
}

/** The app's client: discovery by RFC 8414 metadata, client_secret_basic, plain http on the loopback. */
async function appClient(app: { clientId: string; clientSecret: string }, responses: string[] = []): Promise<client.Configuration> {
  const config = await client.discovery(new URL(test.url), app.clientId, app.clientSecret, client.ClientSecretBasic(app.clientSecret), {
    algorithm: 'oauth2',
    execute: [client.allowInsecureRequests],
  });
  config[client.customFetch] = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    responses.push(await response.clone().text());
    return response;
  };
  return config;
}

/** What a GraphQL request with a bearer token answers: its data and the errors' codes. */
async function graphqlWith(token: string, query: string): Promise<{ data: any; codes: string[]; status: number }> {
  const response = await fetch(`${test.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  return { data: body.data, codes: (body.errors ?? []).map((error) => error.extensions?.code ?? ''), status: response.status };
}

/** The code the phone was sent, read where the SMS sender reads it (the phone's SMS is not what these tests are about). */
async function codeSentFor(authReqId: string): Promise<string> {
  const { Item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.consentNotice(sha256(authReqId)) }));
  return Item!.code as string;
}

const MY_ORDERS = '{ myOrders(first: 5) { ... on MyOrdersSuccess { data { nodes { code } } } } }';
const SHOP_ORDERS = '{ shopOrders(first: 5) { __typename } }';

describe('apps as OAuth 2.0 clients', () => {
  let agriCoop: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    agriCoop = await registerApp('AgriCoop', ['CATALOGUE_READ', 'ORDERS_READ', 'ORDERS_WRITE']);
  });

  it('publishes RFC 8414 metadata that names every endpoint, grant and scope', async () => {
    const metadata = (await appClient(agriCoop)).serverMetadata();
    expect(metadata).toMatchObject({
      issuer: test.url,
      token_endpoint: `${test.url}/oauth/token`,
      revocation_endpoint: `${test.url}/oauth/revoke`,
      backchannel_authentication_endpoint: `${test.url}/oauth/bc-authorize`,
      backchannel_token_delivery_modes_supported: ['poll'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(metadata.grant_types_supported).toEqual(['client_credentials', 'refresh_token', 'urn:openid:params:grant-type:ciba']);
    expect(metadata.scopes_supported).toContain('orders.write');
  });

  it('gives an app its own token for public reads, with either way of client authentication, and refuses a wrong secret', async () => {
    const tokens = await client.clientCredentialsGrant(await appClient(agriCoop));
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'catalogue.read' });
    expect((await graphqlWith(tokens.access_token, '{ products(first: 1) { nodes { code } } }')).data.products.nodes).toHaveLength(1);
    expect((await graphqlWith(tokens.access_token, MY_ORDERS)).codes).toEqual(['FORBIDDEN']);

    const posted = await client.discovery(
      new URL(test.url),
      agriCoop.clientId,
      agriCoop.clientSecret,
      client.ClientSecretPost(agriCoop.clientSecret),
      {
        algorithm: 'oauth2',
        execute: [client.allowInsecureRequests],
      },
    );
    expect((await client.clientCredentialsGrant(posted)).access_token).toMatch(/^at\./);
    // Basic authentication refused is a 401 with its challenge (RFC 6749 §5.2).
    const wrong = await appClient({ ...agriCoop, clientSecret: 'not-the-secret' });
    await expect(client.clientCredentialsGrant(wrong)).rejects.toMatchObject({ status: 401, cause: [{ scheme: 'basic' }] });
  });

  it('asks a phone for consent, and acts for it within the scopes it was given once the phone says yes', async () => {
    const config = await appClient(agriCoop);
    const asked = await client.initiateBackchannelAuthentication(config, {
      login_hint: BUYER,
      scope: 'orders.read orders.write',
      binding_message: 'AB 12',
    });
    expect(asked).toMatchObject({ expires_in: 600, interval: 5 });
    expect(await answerConsent(store, BUYER, await codeSentFor(asked.auth_req_id), true, new Date())).toMatchObject({
      outcome: 'allowed',
      appName: 'AgriCoop',
    });
    const tokens = await client.pollBackchannelAuthenticationGrant(config, asked);
    expect(tokens).toMatchObject({ scope: 'orders.read orders.write', expires_in: 3600 });
    expect(tokens.refresh_token).toMatch(/^rt\./);

    expect((await graphqlWith(tokens.access_token, MY_ORDERS)).data.myOrders.data.nodes).toEqual(expect.any(Array));
    // Beyond the scopes, and beyond what the phone itself may do, whatever the scope.
    expect((await graphqlWith(tokens.access_token, SHOP_ORDERS)).codes).toEqual(['FORBIDDEN']);
    expect((await graphqlWith(tokens.access_token, '{ apps(first: 1) { __typename } }')).codes).toEqual(['FORBIDDEN']);
    expect((await graphqlWith(tokens.access_token, 'mutation { setLanguage(language: en) { __typename } }')).codes).toEqual(['FORBIDDEN']);
  }, 20_000);

  it('rotates refresh tokens, and revokes the grant when a used one comes back', async () => {
    const config = await appClient(agriCoop);
    const asked = await client.initiateBackchannelAuthentication(config, { login_hint: BUYER, scope: 'orders.read' });
    await answerConsent(store, BUYER, await codeSentFor(asked.auth_req_id), true, new Date());
    const first = await client.pollBackchannelAuthenticationGrant(config, asked);
    const second = await client.refreshTokenGrant(config, first.refresh_token!);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await graphqlWith(first.access_token, MY_ORDERS)).status).toBe(401);
    expect((await graphqlWith(second.access_token, MY_ORDERS)).data.myOrders.data).toBeDefined();

    await expect(client.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await graphqlWith(second.access_token, MY_ORDERS)).status).toBe(401);
    await expect(client.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  }, 20_000);

  it('revokes a grant by its refresh token (RFC 7009): its access token is refused on the next request', async () => {
    const config = await appClient(agriCoop);
    const asked = await client.initiateBackchannelAuthentication(config, { login_hint: BUYER, scope: 'orders.read' });
    await answerConsent(store, BUYER, await codeSentFor(asked.auth_req_id), true, new Date());
    const tokens = await client.pollBackchannelAuthenticationGrant(config, asked);
    await client.tokenRevocation(config, tokens.refresh_token!);
    expect((await graphqlWith(tokens.access_token, MY_ORDERS)).status).toBe(401);
    // Another client's token, or no token of ours: the same answer, and nothing changes.
    await expect(client.tokenRevocation(config, 'at.app-aaaaaaaaaaaaaaaa.nothing')).resolves.toBeUndefined();
  }, 20_000);

  it('tells the app when the phone says no, when five wrong codes end the request, and when it expires', async () => {
    const config = await appClient(agriCoop);
    const denied = await client.initiateBackchannelAuthentication(config, { login_hint: SELLER, scope: 'orders.read' });
    await answerConsent(store, SELLER, await codeSentFor(denied.auth_req_id), false, new Date());
    const ended = await client.initiateBackchannelAuthentication(config, { login_hint: '+255754100099', scope: 'orders.read' });
    const right = await codeSentFor(ended.auth_req_id);
    const wrong = right === '0000' ? '0001' : '0000';
    for (let i = 0; i < 5; i++) await answerConsent(store, '+255754100099', wrong, true, new Date());
    expect(await answerConsent(store, '+255754100099', right, true, new Date())).toEqual({ outcome: 'nothing-waiting' });
    const expiring = await client.initiateBackchannelAuthentication(config, {
      login_hint: '+255754100098',
      scope: 'orders.read',
      requested_expiry: '2',
    });
    expect(expiring.expires_in).toBe(2);

    const poll = (asked: client.BackchannelAuthenticationResponse) =>
      client.pollBackchannelAuthenticationGrant(config, asked, undefined, { signal: AbortSignal.timeout(15_000) });
    const [no, tooManyWrong, late] = await Promise.allSettled([poll(denied), poll(ended), poll(expiring)]);
    expect(no).toMatchObject({ status: 'rejected', reason: { error: 'access_denied' } });
    expect(tooManyWrong).toMatchObject({ status: 'rejected', reason: { error: 'access_denied' } });
    expect(late).toMatchObject({ status: 'rejected', reason: { error: 'expired_token' } });
  }, 30_000);

  it('says slow_down to an app that polls faster than it was told, and still gives the tokens once the phone says yes', async () => {
    const responses: string[] = [];
    const config = await appClient(agriCoop, responses);
    const asked = await client.initiateBackchannelAuthentication(config, { login_hint: BUYER, scope: 'orders.read' });
    // An app that ignores the interval: it polls at once, and again at once.
    const hasty = client.pollBackchannelAuthenticationGrant(config, { ...asked, interval: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await answerConsent(store, BUYER, await codeSentFor(asked.auth_req_id), true, new Date());
    expect((await hasty).access_token).toMatch(/^at\./);
    expect(responses.some((body) => body.includes('"authorization_pending"'))).toBe(true);
    expect(responses.some((body) => body.includes('"slow_down"'))).toBe(true);
  }, 20_000);

  it("stops a disabled app's tokens at once, and its client authentication", async () => {
    const app = await registerApp('Shortlived', ['CATALOGUE_READ']);
    const config = await appClient(app);
    const tokens = await client.clientCredentialsGrant(config);
    expect((await graphqlWith(tokens.access_token, '{ products(first: 1) { nodes { code } } }')).status).toBe(200);
    await test.graphql(`mutation { disableApp(clientId: "${app.clientId}") { __typename } }`);
    expect((await graphqlWith(tokens.access_token, '{ products(first: 1) { nodes { code } } }')).status).toBe(401);
    await expect(client.clientCredentialsGrant(config)).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a scope the app may not ask for, and a login_hint that is not a phone', async () => {
    const config = await appClient(agriCoop);
    await expect(client.initiateBackchannelAuthentication(config, { login_hint: BUYER, scope: 'shop.write' })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
    await expect(client.initiateBackchannelAuthentication(config, { login_hint: 'villager', scope: 'orders.read' })).rejects.toMatchObject({
      error: 'unknown_user_id',
    });
  });

  it('answers 429 with Retry-After once an app has spent its budget of the minute', async () => {
    const app = await registerApp('Thrifty', ['CATALOGUE_READ'], 2);
    const { access_token } = await client.clientCredentialsGrant(await appClient(app));
    const ask = () =>
      fetch(`${test.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ query: '{ products(first: 1) { nodes { code } } }' }),
      });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await ask());
    // Unless the minute turned between them, the third is one too many.
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(2);
    if (refused.length > 0) {
      expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await refused[0]!.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        'RATE_LIMITED',
      );
    } else {
      expect((await ask()).status).toBe(429);
    }
  });
});
