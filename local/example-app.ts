// A small third-party app, as an app developer would write one with a certified OAuth 2.0 client
// library (openid-client): it asks the demo buyer's consent from their phone, places an order for
// them with the token it gets, and prints the signed webhook deliveries it receives about it.
// Run `npm start` first; then `npm run example-app`, and answer the SMS in the simulator's buyer pane.
import { createServer } from 'node:http';
import * as client from 'openid-client';
import { Webhook } from 'standardwebhooks';
import type { DemoApp } from './demo-app.js';
import { DEMO_PHONES } from './seed.js';

const SERVER = process.env.SERVER_URL ?? 'http://127.0.0.1:4000';
const SCOPES = 'catalogue.read orders.read orders.write';
/** How long it listens for webhooks after placing the order: long enough to hand the order over in the simulator. */
const LISTEN_SECONDS = Number(process.env.LISTEN_SECONDS ?? 300);

/** The demo app `npm start` registered, from the local server (its banner prints the same). */
async function demoApp(): Promise<DemoApp> {
  const response = await fetch(`${SERVER}/simulator/demo-app`).catch(() => null);
  if (!response?.ok) throw new Error(`No demo app at ${SERVER}: is npm start running?`);
  return (await response.json()) as DemoApp;
}

/** The two answers this example reads, typed by hand; an app would type them from the schema. */
interface Answers {
  products: { nodes: { id: string; code: string; name: string }[] };
  placeOrder:
    | { __typename: 'PlaceOrderSuccess'; data: { code: string; status: string; total: { formatted: string } } }
    | { __typename: string; message: string };
}

async function graphql(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answers> {
  const response = await fetch(`${SERVER}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: Answers }).data;
}

/** The villager's consent, asked through the backchannel (CIBA) and given by SMS: the app polls until then. */
async function consentOfBuyer(config: client.Configuration): Promise<client.TokenEndpointResponse> {
  const asked = await client.initiateBackchannelAuthentication(config, {
    login_hint: DEMO_PHONES.buyer,
    scope: SCOPES,
    binding_message: 'DEMO',
  });
  console.log(`Asked ${DEMO_PHONES.buyer} for consent. Open ${SERVER}/simulator: the buyer's pane has an SMS; answer YES and its code.`);
  return client.pollBackchannelAuthenticationGrant(config, asked);
}

async function placeOrderFor(token: string): Promise<string> {
  const found = await graphql(token, '{ products(search: "rice", first: 1) { nodes { id code name } } }');
  const product = found.products.nodes[0]!;
  const placed = await graphql(
    token,
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) {
      __typename ... on PlaceOrderSuccess { data { code status total { formatted } } } ... on Error { message } } }`,
    {
      input: {
        serviceCenterId: 'MWG01',
        lines: [{ productCode: product.id, quantity: 1 }],
        paymentMethod: 'CASH',
        idempotencyKey: `example-${Date.now()}`,
      },
    },
  );
  const order = placed.placeOrder;
  if (!('data' in order)) throw new Error(`The order was refused: ${order.message}`);
  console.log(`Placed order ${order.data.code} for the buyer: 1 x ${product.name}, ${order.data.total.formatted}, ${order.data.status}.`);
  return order.data.code;
}

/** Receives the app's webhooks and prints each one whose signature verifies; others are refused with 400. */
function receiveWebhooks(app: DemoApp) {
  const url = new URL(app.webhookUrl);
  const verifier = app.webhookSecret ? new Webhook(app.webhookSecret) : null;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = verifier!.verify(body, request.headers as Record<string, string>) as {
          type: string;
          data: { code: string; status: string; sequence?: number };
        };
        console.log(
          `Webhook ${request.headers['webhook-id']} (signature verified): ${event.type}, order ${event.data.code} ${event.data.status}`,
        );
        response.writeHead(204).end();
      } catch (error) {
        console.log(`Webhook refused: ${(error as Error).message}`);
        response.writeHead(400).end();
      }
    });
  });
  return new Promise<() => void>((listening) => server.listen(Number(url.port), url.hostname, () => listening(() => server.close())));
}

const app = await demoApp();
const stopReceiving = await receiveWebhooks(app);
console.log(`Listening for the demo app's webhooks on ${app.webhookUrl}.`);
const config = await client.discovery(new URL(SERVER), app.clientId, app.clientSecret, client.ClientSecretBasic(app.clientSecret), {
  algorithm: 'oauth2',
  execute: [client.allowInsecureRequests],
});
console.log(`Found the server's endpoints: ${config.serverMetadata().token_endpoint}`);
const tokens = await consentOfBuyer(config);
console.log(`The buyer said yes: a token for ${tokens.scope}, valid ${tokens.expires_in} s.`);
await placeOrderFor(tokens.access_token);
console.log(`Waiting ${LISTEN_SECONDS} s for webhooks: accept, ship and hand the order over in the simulator to see more.`);
await new Promise((resolve) => setTimeout(resolve, LISTEN_SECONDS * 1000));
stopReceiving();
