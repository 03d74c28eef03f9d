import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/local-server.js';
import { sendSms } from '../support/twilio-client.js';

// Every flow as a third-party app meets it, through a certified OAuth 2.0 client library.
const BUYER = '+255754100010';
const SELLER = '+255754100002';
/** A phone that never joined: it may still say yes or no to an app. */
const STRANGER = '+255754100099';
let test: TestServer;
/** Client secrets, tokens and auth_req_ids handed out in these tests: none may reach a log line. */
const secrets: string[] = [];

beforeAll(async () => {
  test = await startTestServer(inject('dynamoEndpoint'), 'oauth');
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
  secrets.push(registerApp.data.clientSecret);
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
    const body = await response.clone().text();
    responses.push(body);
    // Every token and auth_req_id the server handed out, for the test that reads the logs.
    for (const [, value] of body.matchAll(/"(?:access_token|refresh_token|auth_req_id)":"([^"]+)"/g)) secrets.push(value!);
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

/** The code of the newest consent SMS the phone received after `since`, as the simulator shows it. */
async function codeSentTo(phone: string, since: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        const inbox = (await (await fetch(`${test.url}/simulator/inbox?phone=${encodeURIComponent(phone)}&since=${since}`)).json()) as {
          notifications: { text: string }[];
        };
        code = inbox.notifications.map((sms) => /Reply YES (\d{4}) /.exec(sms.text)?.[1]).findLast(Boolean);
        return code;
      },
      { timeout: 10_000 },
    )
    .toBeDefined();
  return code!;
}

/** The app asks a phone: the request, and the code the phone was sent by SMS. */
async function ask(config: client.Configuration, parameters: Record<string, string>) {
  const since = new Date().toISOString();
  const asked = await client.initiateBackchannelAuthentication(config, parameters);
  return { asked, code: await codeSentTo(parameters.login_hint!, since) };
}

/** The phone answers by SMS, as a villager does: the reply it gets. */
const answer = async (phone: string, words: string) => (await sendSms(test.url, phone, words)).reply ?? '';

/** The app asks, the phone answers YES with its code, the app polls: its tokens. */
async function consentGiven(config: client.Configuration, phone: string, scope: string) {
  const { asked, code } = await ask(config, { login_hint: phone, scope });
  await answer(phone, `YES ${code}`);
  return client.pollBackchannelAuthenticationGrant(config, asked);
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
    const { asked, code } = await ask(config, { login_hint: BUYER, scope: 'orders.read orders.write', binding_message: 'AB 12' });
    expect(asked).toMatchObject({ expires_in: 600, interval: 5 });
    expect(await answer(BUYER, `YES ${code}`)).toContain('AgriCoop');
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
    const first = await consentGiven(config, BUYER, 'orders.read');
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
    const tokens = await consentGiven(config, BUYER, 'orders.read');
    await client.tokenRevocation(config, tokens.refresh_token!);
    expect((await graphqlWith(tokens.access_token, MY_ORDERS)).status).toBe(401);
    // Another client's token, or no token of ours: the same answer, and nothing changes.
    await expect(client.tokenRevocation(config, 'at.app-aaaaaaaaaaaaaaaa.nothing')).resolves.toBeUndefined();
  }, 20_000);

  it('tells the app when the phone says no, when five wrong codes end the request, and when it expires', async () => {
    const config = await appClient(agriCoop);
    const denied = await ask(config, { login_hint: SELLER, scope: 'orders.read' });
    await answer(SELLER, `NO ${denied.code}`);
    const ended = await ask(config, { login_hint: STRANGER, scope: 'orders.read' });
    const wrong = ended.code === '0000' ? '0001' : '0000';
    for (let i = 0; i < 5; i++) await answer(STRANGER, `YES ${wrong}`);
    // The right code comes too late: the request has ended.
    expect(await answer(STRANGER, `YES ${ended.code}`)).not.toContain('AgriCoop');
    const expiring = await client.initiateBackchannelAuthentication(config, {
      login_hint: '+255754100098',
      scope: 'orders.read',
      requested_expiry: '2',
    });
    expect(expiring.expires_in).toBe(2);

    const poll = (asked: client.BackchannelAuthenticationResponse) =>
      client.pollBackchannelAuthenticationGrant(config, asked, undefined, { signal: AbortSignal.timeout(15_000) });
    const [no, tooManyWrong, late] = await Promise.allSettled([poll(denied.asked), poll(ended.asked), poll(expiring)]);
    expect(no).toMatchObject({ status: 'rejected', reason: { error: 'access_denied' } });
    expect(tooManyWrong).toMatchObject({ status: 'rejected', reason: { error: 'access_denied' } });
    expect(late).toMatchObject({ status: 'rejected', reason: { error: 'expired_token' } });
  }, 30_000);

  it('says slow_down to an app that polls faster than it was told, and still gives the tokens once the phone says yes', async () => {
    const responses: string[] = [];
    const config = await appClient(agriCoop, responses);
    const { asked, code } = await ask(config, { login_hint: BUYER, scope: 'orders.read' });
    // An app that ignores the interval: it polls at once, and again at once.
    const hasty = client.pollBackchannelAuthenticationGrant(config, { ...asked, interval: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await answer(BUYER, `YES ${code}`);
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

  it('refuses a fourth request waiting for the same phone, so that no app can flood it with SMS', async () => {
    const config = await appClient(agriCoop);
    const phone = '+255754100097';
    for (let i = 0; i < 3; i++) await client.initiateBackchannelAuthentication(config, { login_hint: phone, scope: 'orders.read' });
    await expect(client.initiateBackchannelAuthentication(config, { login_hint: phone, scope: 'orders.read' })).rejects.toMatchObject({
      error: 'access_denied',
    });
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

  it('writes no client secret, token or auth_req_id to a log line', () => {
    expect(secrets.length).toBeGreaterThan(10);
    const logLines = test.server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(logLines.some((line) => line.includes('"oauth"'))).toBe(true);
    expect(secrets.filter((secret) => logLines.some((line) => line.includes(secret)))).toEqual([]);
  });
});
