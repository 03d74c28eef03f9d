// A bounded mixed load against the local server, as callers reach it over HTTP: `npm start`'s
// program (local/start.ts) runs as a process of its own with its own in-memory DynamoDB Local; after a
// warm-up that is not counted (LOAD_WARMUP_SECONDS, default 10, a tenth of the clients),
// LOAD_CLIENTS clients (default 200, started over LOAD_RAMP_SECONDS, default 5) loop for LOAD_SECONDS
// (default 60) through GraphQL orders and searches, signed Twilio webhooks (JOIN, ORDER, FIND, STATUS)
// and USSD buy journeys; each request may take LOAD_TIMEOUT_MS (default 15,000). Some orders are sent
// again with the same idempotency key, MessageSid or USSD path, as a retrying client would. It prints
// throughput, p50/p99 latency and errors per kind of request; repeats, after the load, the order
// requests that never got an answer (so that an order placed by a timed-out request is counted); then
// reads every order it was told of back through the admin API and checks that stock, orders and
// idempotency agree. LOAD_SERVER_LOG=<file> keeps the server's log. Figures, not pass/fail: it exits 0
// unless the harness itself broke.
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { issueApiKey } from '../core/access/index.js';
import { createStore } from '../core/db/index.js';
import { DEMO_CENTER_CODE } from '../local/seed.js';
import { graphql, sms, ussd } from './load-clients.js';
import { type LoadServer, startLoadServer } from './load-server.js';
import { LoadStats } from './load-stats.js';

// ---------------------------------------------------------------------------------------------
// The API this load speaks. When the schema changes, these documents (and the few lines that read
// their results, right below them) are what to change.
// ---------------------------------------------------------------------------------------------
const GQL = {
  centerVillage: `query ($id: ID!) { serviceCenter(id: $id) { id village { id } } }`,
  createShop: `mutation ($input: CreateShopInput!) {
    createShop(input: $input) { __typename ... on CreateShopSuccess { data { id } } ... on Error { message } } }`,
  upsertProduct: `mutation ($input: UpsertProductInput!) {
    upsertProduct(input: $input) { __typename ... on UpsertProductSuccess { data { code stock } } ... on Error { message } } }`,
  product: `query ($code: String!, $villageId: ID!) { product(code: $code, villageId: $villageId) { code villageId stock shop { id } } }`,
  placeOrder: `mutation ($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      __typename
      ... on PlaceOrderSuccess { data { code status } }
      ... on OutOfStockError { productCode available }
      ... on Error { message }
    } }`,
  search: `query ($search: String!) { products(search: $search, first: 20) { nodes { code stock } } }`,
  cancelOrder: `mutation ($code: String!) {
    cancelOrder(code: $code) { __typename ... on CancelOrderSuccess { data { code status } } ... on Error { message } } }`,
  order: `query ($code: String!) {
    order(code: $code) { __typename ... on OrderSuccess { data { code status lines { productCode quantity } } } } }`,
};

interface Union {
  __typename: string;
  message?: string;
  data?: Record<string, unknown>;
}
const unionOf = (data: Record<string, unknown> | null, field: string) => (data?.[field] ?? null) as Union | null;
const searchHits = (data: Record<string, unknown> | null) =>
  ((data?.products as { nodes?: unknown } | undefined)?.nodes ?? null) as { code: string }[] | null;
const productOf = (data: Record<string, unknown> | null) =>
  (data?.product ?? null) as { code: string; villageId: string; stock: number; shop: { id: string } | null } | null;
const orderOf = (data: Record<string, unknown> | null) => {
  const result = unionOf(data, 'order');
  return result?.__typename === 'OrderSuccess'
    ? (result.data as { code: string; status: string; lines: { productCode: string; quantity: number }[] })
    : null;
};

// What the text channels answer (English), by what it means.
const SMS_REPLY = {
  joined: /^You joined /,
  ordered: /^Order (\S+): /,
  outOfStock: /^Sorry, only \d+ of \S+ left\./,
  found: /^(?!Nothing found)\S+ .+/,
  foundNone: /^Nothing found for /,
  status: /^(Your orders: |You have no orders yet)/,
  fault: /something went wrong/i,
  rateLimited: /^Too many messages/,
};
const USSD_SCREEN = {
  stranger: /^CON Welcome/,
  enterCenter: /^CON Enter the code of your service center/,
  joined: /^END You joined /,
  main: /^CON 1 Buy\n/,
  buy: /^CON Buy\n1 Search by word/,
  enterWord: /^CON Enter a word/,
  nothingFound: /^CON Nothing found\./,
  choice: /^(\d+) /gm,
  quantity: /, (\d+) in stock\.\nEnter quantity:/,
  payBy: /^CON Pay by:/,
  confirm: /^CON Buy \d+ x .*pay cash\?/s,
  ordered: /^END Order (\S+) placed: /,
  outOfStock: /^END Sorry, only \d+ left\./,
  fault: /something went wrong/i,
};

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------
function setting(name: string, fallback: number, least = Number.MIN_VALUE): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value >= least)) throw new Error(`${name} must be a number of at least ${least}, not ${raw}`);
  return value;
}
const SECONDS = setting('LOAD_SECONDS', 60);
/** Clients start one by one over this many seconds, then all of them run for LOAD_SECONDS (0: all at once). */
const RAMP_SECONDS = setting('LOAD_RAMP_SECONDS', 5, 0);
/** Before that, a tenth of the clients warm the server and DynamoDB Local up (JIT) for this long, not counted. */
const WARMUP_SECONDS = setting('LOAD_WARMUP_SECONDS', 10, 0);
const CLIENTS = Math.round(setting('LOAD_CLIENTS', 200));
const TIMEOUT_MS = setting('LOAD_TIMEOUT_MS', 15_000);
const CENTER = DEMO_CENTER_CODE;
const TWILIO_TOKEN = `load-${randomUUID()}`;
const USSD_KEY = `load-${randomUUID()}`;
const ADMIN_KEY = `vt_load_admin_${randomBytes(12).toString('base64url')}`;
/** What each client's turn is, by weight: a USSD journey is 8 requests, the rest one or a few. */
const MIX = { graphqlOrder: 30, graphqlSearch: 20, sms: 30, ussd: 20 };
const SMS_COMMANDS = { ORDER: 50, FIND: 30, STATUS: 20 };
/** A new phone after this many commands: the SMS rate limit is 30 per phone in 10 minutes. */
const SMS_PER_PHONE = 25;
const P_GRAPHQL_RETRY = 0.1;
const P_GRAPHQL_RACE = 0.05;
const P_CANCEL = 0.03;
const P_SMS_RETRY = 0.05;
const P_SMS_RACE = 0.02;
const P_USSD_RETRY = 0.05;
const PROGRESS_SECONDS = 10;
/** Retries with the same key after a timeout or a 5xx, as a client that never heard back would. */
const FAULT_RETRIES = 2;

/** Words villagers search for; each has five products, a few of which sell out during the run. */
const WORDS = ['soap', 'sugar', 'salt', 'oil', 'tea', 'candle', 'torch', 'bucket'];
/** Stock of variants 1 to 5 of each word: small ones sell out, the last two never do. */
const VARIANT_STOCK = [40, 150, 600, 1_000_000, 1_000_000];
const DEMO_PRODUCTS = [
  { code: 'RICE5', word: 'rice' },
  { code: 'BEANS2', word: 'beans' },
  { code: 'MAIZE10', word: 'flour' },
  { code: 'SEED2', word: 'seed' },
  { code: 'FERT50', word: 'fertilizer' },
  { code: 'HOE1', word: 'hoe' },
];

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------
interface Product {
  code: string;
  villageId: string;
  word: string;
  shopId: string;
  initialStock: number;
}

interface Client {
  key: string;
  buyer: string;
  sms: { phone: string; sent: number } | null;
  ussd: string | null;
}

/** What a request is counted in, and how long it may take: the load's figures (the warm-up's while it runs), or the repeats after it. */
const LOAD = { stats: new LoadStats(), timeoutMs: TIMEOUT_MS };
const RECOVERY = { stats: new LoadStats(), timeoutMs: 120_000 };
/** Order requests whose every try failed, to repeat (same key, MessageSid or USSD path) once the load is over. */
const unanswered: (() => Promise<unknown>)[] = [];
const category = (failure: string) => /^(timeout|network|HTTP \d+|GraphQL error)/.exec(failure)?.[0] ?? failure.slice(0, 40);
/** Every order code the load was told of, with who asked (idempotency key, MessageSid or USSD path). */
const codeRequests = new Map<string, Set<string>>();
/** The order codes each request identity was answered with. */
const requestCodes = new Map<string, Set<string>>();
const reportedCancelled = new Set<string>();
const repeatMismatches = { sequential: [] as string[], racing: [] as string[] };
let phoneCounter = 0;
/** Order code -> seller notifications of it the server handed to its (logging) SMS sender. */
const notified = new Map<string, number>();
let warnLines = 0;
/** The SDK's warnings that the server's DynamoDB client had every socket busy: how many, the longest queue. */
const socketWaits = { warnings: 0, capacity: 0, mostEnqueued: 0 };
const serverLog = process.env.LOAD_SERVER_LOG ? createWriteStream(process.env.LOAD_SERVER_LOG) : null;
function watchLog(line: string): void {
  serverLog?.write(`${line}\n`);
  const busy = /socket usage at capacity=(\d+) and (\d+) additional requests are enqueued/.exec(line);
  if (busy) {
    socketWaits.warnings++;
    socketWaits.capacity = Number(busy[1]);
    socketWaits.mostEnqueued = Math.max(socketWaits.mostEnqueued, Number(busy[2]));
  }
  if (/"level"\s*:\s*"warn"/i.test(line)) warnLines++;
  const code = /SMS not sent.*"body":"New order (\w+):/.exec(line)?.[1];
  if (code) notified.set(code, (notified.get(code) ?? 0) + 1);
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));
function weighted<K extends string>(weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let roll = Math.random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [name, weight] of entries) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return entries.at(-1)![0];
}
/** A new phone number of the given Tanzanian mobile prefix (755 SMS, 756 GraphQL buyers, 757 USSD). */
const newPhone = (prefix: string) => `+255${prefix}${String(++phoneCounter).padStart(6, '0')}`;

function claim(code: string, request: string): void {
  if (!codeRequests.has(code)) codeRequests.set(code, new Set());
  codeRequests.get(code)!.add(request);
  if (!requestCodes.has(request)) requestCodes.set(request, new Set());
  requestCodes.get(request)!.add(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(
    `Load test: ${CLIENTS} clients (started over ${RAMP_SECONDS} s) for ${SECONDS} s against local/start.ts (own process, PORT=0, IN_MEMORY=1); ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} before starting`,
  );
  const server = await startLoadServer({ ADMIN_API_KEY: ADMIN_KEY, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, USSD_API_KEY: USSD_KEY }, watchLog);
  try {
    await run(server);
  } finally {
    await server.stop();
  }
  console.log(`(whole run with setup and checks: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

async function run(server: LoadServer) {
  const { url, dynamoEndpoint, tableName } = server;
  const admin = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await graphql(url, ADMIN_KEY, query, variables, 60_000);
    if (result.failure) throw new Error(`admin request failed (${result.failure}): ${query.slice(0, 80)}`);
    return result.data;
  };

  // --- Setup: two shops of 20 products in the demo village, besides the demo shops' six; buyers' keys.
  const center = (await admin(GQL.centerVillage, { id: CENTER }))?.serviceCenter as { village: { id: string } } | null;
  if (!center) throw new Error(`no service center ${CENTER}`);
  const shopIds: string[] = [];
  for (const [i, name] of ['Load Test Traders', "Mzee's Household Goods"].entries()) {
    const input = { name, ownerPhone: `+2557541999${String(i + 1).padStart(2, '0')}`, villageId: center.village.id };
    const created = unionOf(await admin(GQL.createShop, { input }), 'createShop');
    if (created?.__typename !== 'CreateShopSuccess') throw new Error(`createShop: ${JSON.stringify(created)}`);
    shopIds.push((created.data as { id: string }).id);
  }
  const words = new Map<string, string>(DEMO_PRODUCTS.map((p) => [p.code, p.word]));
  for (const [w, word] of WORDS.entries()) {
    for (const [v, stock] of VARIANT_STOCK.entries()) {
      const input = {
        code: `${word.slice(0, 5).toUpperCase()}${v + 1}`,
        shopId: shopIds[w % shopIds.length],
        name: `${word[0]!.toUpperCase()}${word.slice(1)} pack ${v + 1}`,
        unit: 'piece',
        price: { amount: 100_000 * (v + 1) + 50_000 * w, currency: 'TZS' },
        stock,
      };
      const upserted = unionOf(await admin(GQL.upsertProduct, { input }), 'upsertProduct');
      if (upserted?.__typename !== 'UpsertProductSuccess') throw new Error(`upsertProduct: ${JSON.stringify(upserted)}`);
      words.set((upserted.data as { code: string }).code, word);
    }
  }
  const products: Product[] = [];
  for (const [code, word] of words) {
    const product = productOf(await admin(GQL.product, { code, villageId: center.village.id }));
    if (!product?.shop) throw new Error(`product ${code} not found after seeding`);
    products.push({ code: product.code, villageId: product.villageId, word, shopId: product.shop.id, initialStock: product.stock });
  }
  // Popularity by Zipf (s = 1) over the products in a random order: a few are hot, most are not.
  const ranked = [...products];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = between(0, i);
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const cumulative: number[] = [];
  ranked.reduce((sum, _p, i) => (cumulative[i] = sum + 1 / (i + 1)), 0);
  const popular = (): Product => {
    const roll = Math.random() * cumulative.at(-1)!;
    return ranked[cumulative.findIndex((c) => roll < c)]!;
  };
  const villageOfProduct = new Map(products.map((product) => [product.code, product.villageId]));
  const orderLines = (): { productCode: string; quantity: number }[] => {
    const first = popular();
    const lines = [{ productCode: first.code, quantity: between(1, 3) }];
    // One order in five has a second line, from the same seller (an order has one seller).
    if (Math.random() < 0.2) {
      for (let tries = 0; tries < 10; tries++) {
        const second = popular();
        if (second.shopId === first.shopId && second.code !== first.code) {
          lines.push({ productCode: second.code, quantity: between(1, 2) });
          break;
        }
      }
    }
    return lines;
  };

  const store = createStore({ tableName, region: 'us-east-1', endpoint: dynamoEndpoint });
  const clients: Client[] = [];
  try {
    for (let i = 0; i < CLIENTS; i += 20) {
      const batch = Array.from({ length: Math.min(20, CLIENTS - i) }, async (): Promise<Client> => {
        const buyer = newPhone('756');
        // The API has no operation that makes a key; `npm run create-key` writes it the same way.
        const key = await issueApiKey(store, { kind: 'PHONE', phone: buyer }, `load ${buyer}`, new Date(), 24 * 60 * 60);
        return { key, buyer, sms: null, ussd: null };
      });
      clients.push(...(await Promise.all(batch)));
    }
  } finally {
    store.doc.destroy();
  }
  console.log(
    `Seeded ${products.length} products in 4 shops (stock per word: ${VARIANT_STOCK.join(', ')}; demo products as seeded), ` +
      `${clients.length} buyer keys; setup took until now, load average ${loadavg()[0]!.toFixed(2)}`,
  );

  // --- The turns a client takes.
  const gql = (client: Client, query: string, variables: Record<string, unknown>, timeoutMs = TIMEOUT_MS) =>
    graphql(url, client.key, query, variables, timeoutMs);

  type Placed = { outcome: 'placed'; code: string } | { outcome: 'out-of-stock' | 'failed' };
  const placeOrder = async (
    client: Client,
    input: Record<string, unknown>,
    kind: string,
    identity: string,
    { stats, timeoutMs } = LOAD,
  ): Promise<Placed> => {
    const result = await gql(client, GQL.placeOrder, { input }, timeoutMs);
    if (result.failure) {
      stats.error(kind, result.ms, category(result.failure), result.failure);
      return { outcome: 'failed' };
    }
    const placed = unionOf(result.data, 'placeOrder');
    if (placed?.__typename === 'PlaceOrderSuccess') {
      const code = (placed.data as { code: string }).code;
      stats.ok(kind, result.ms, 'placed');
      claim(code, identity);
      return { outcome: 'placed', code };
    }
    if (placed?.__typename === 'OutOfStockError') {
      stats.ok(kind, result.ms, 'out-of-stock');
      return { outcome: 'out-of-stock' };
    }
    stats.error(kind, result.ms, `unexpected ${placed?.__typename}`, JSON.stringify(placed));
    return { outcome: 'failed' };
  };

  const sameAnswer = (a: Placed, b: Placed) =>
    a.outcome === b.outcome && (a.outcome !== 'placed' || a.code === (b as { code: string }).code);

  async function graphqlOrder(client: Client): Promise<void> {
    const key = randomUUID();
    const identity = `graphql ${client.buyer} ${key}`;
    // An app names products by the id its search answered with: the order reads no center first.
    const lines = orderLines().map((line) => ({ ...line, productCode: `${line.productCode}.${villageOfProduct.get(line.productCode)}` }));
    const input = { serviceCenterId: CENTER, lines, paymentMethod: 'CASH', idempotencyKey: key };
    const race = Math.random() < P_GRAPHQL_RACE;
    const answers = race
      ? await Promise.all([
          placeOrder(client, input, 'graphql placeOrder', identity),
          placeOrder(client, input, 'graphql placeOrder repeat', identity),
        ])
      : [await placeOrder(client, input, 'graphql placeOrder', identity)];
    if (race && answers.every((a) => a.outcome !== 'failed') && !sameAnswer(answers[0]!, answers[1]!)) {
      repeatMismatches.racing.push(`placeOrder ${key}: ${JSON.stringify(answers)}`);
    }
    for (let retry = 0; retry < FAULT_RETRIES && answers.every((a) => a.outcome === 'failed'); retry++) {
      answers.push(await placeOrder(client, input, 'graphql placeOrder repeat', identity));
    }
    const first = answers.find((a) => a.outcome !== 'failed');
    if (!first) unanswered.push(() => placeOrder(client, input, 'graphql placeOrder', identity, RECOVERY));
    if (first?.outcome === 'placed' && !race && Math.random() < P_GRAPHQL_RETRY) {
      const again = await placeOrder(client, input, 'graphql placeOrder repeat', identity);
      if (again.outcome !== 'failed' && !sameAnswer(first, again)) {
        repeatMismatches.sequential.push(`placeOrder ${key}: first ${JSON.stringify(first)}, again ${JSON.stringify(again)}`);
      }
    }
    if (first?.outcome === 'placed' && Math.random() < P_CANCEL) {
      const result = await gql(client, GQL.cancelOrder, { code: first.code });
      if (result.failure) LOAD.stats.error('graphql cancelOrder', result.ms, category(result.failure), result.failure);
      else {
        const cancelled = unionOf(result.data, 'cancelOrder');
        if (cancelled?.__typename === 'CancelOrderSuccess') {
          reportedCancelled.add(first.code);
          LOAD.stats.ok('graphql cancelOrder', result.ms, 'cancelled');
        } else LOAD.stats.error('graphql cancelOrder', result.ms, `unexpected ${cancelled?.__typename}`, JSON.stringify(cancelled));
      }
    }
  }

  async function graphqlSearch(client: Client): Promise<void> {
    const result = await gql(client, GQL.search, { search: popular().word });
    if (result.failure) return LOAD.stats.error('graphql products search', result.ms, category(result.failure), result.failure);
    const hits = searchHits(result.data);
    if (!Array.isArray(hits)) return LOAD.stats.error('graphql products search', result.ms, 'no list', JSON.stringify(result.data));
    LOAD.stats.ok('graphql products search', result.ms, hits.length ? 'found' : 'none');
  }

  /** One SMS; the reply when it is one of the expected ones (its meaning), null when it failed. */
  async function text(
    phone: string,
    body: string,
    sid: string,
    kind: string,
    expected: Record<string, RegExp>,
    { stats, timeoutMs } = LOAD,
  ) {
    const result = await sms(url, TWILIO_TOKEN, phone, body, sid, timeoutMs);
    if (result.failure) {
      stats.error(kind, result.ms, category(result.failure), result.failure);
      return null;
    }
    const reply = result.reply ?? '';
    const meaning = Object.entries(expected).find(([, pattern]) => pattern.test(reply))?.[0];
    if (!meaning) {
      const what = SMS_REPLY.fault.test(reply) ? 'fault reply' : SMS_REPLY.rateLimited.test(reply) ? 'rate limited' : 'unexpected reply';
      stats.error(kind, result.ms, what, `${body} -> ${result.reply}`);
      return null;
    }
    stats.ok(kind, result.ms, meaning);
    return { reply, meaning };
  }
  const sid = () => `SM${randomUUID().replace(/-/g, '')}`;

  async function smsTurn(client: Client): Promise<void> {
    if (!client.sms || client.sms.sent >= SMS_PER_PHONE) {
      client.sms = { phone: newPhone('755'), sent: 1 };
      if (!(await text(client.sms.phone, `JOIN ${CENTER}`, sid(), 'sms JOIN', { joined: SMS_REPLY.joined }))) client.sms = null;
      return;
    }
    const phone = client.sms.phone;
    client.sms.sent++;
    const command = weighted(SMS_COMMANDS);
    if (command === 'FIND') {
      await text(phone, `FIND ${popular().word}`, sid(), 'sms FIND', { found: SMS_REPLY.found, none: SMS_REPLY.foundNone });
      return;
    }
    if (command === 'STATUS') {
      await text(phone, 'STATUS', sid(), 'sms STATUS', { listed: SMS_REPLY.status });
      return;
    }
    const messageSid = sid();
    const body = `ORDER ${orderLines()
      .map((line) => `${line.quantity} ${line.productCode}`)
      .join(' ')}`;
    const expected = { placed: SMS_REPLY.ordered, 'out-of-stock': SMS_REPLY.outOfStock };
    const race = Math.random() < P_SMS_RACE;
    if (race) client.sms.sent++;
    type Answer = Awaited<ReturnType<typeof text>>;
    const answers: Answer[] = race
      ? await Promise.all([text(phone, body, messageSid, 'sms ORDER', expected), text(phone, body, messageSid, 'sms repeat', expected)])
      : [await text(phone, body, messageSid, 'sms ORDER', expected)];
    if (race && answers[0] && answers[1] && answers[0].reply !== answers[1].reply) {
      repeatMismatches.racing.push(`SMS ${messageSid}: "${answers[0].reply}" and "${answers[1].reply}"`);
    }
    for (let retry = 0; retry < FAULT_RETRIES && !answers.some((a) => a !== null); retry++) {
      answers.push(await text(phone, body, messageSid, 'sms repeat', expected));
    }
    const first = answers.find((a) => a !== null);
    if (!first) {
      unanswered.push(async () => {
        const answer = await text(phone, body, messageSid, 'sms ORDER', expected, RECOVERY);
        const code = answer && SMS_REPLY.ordered.exec(answer.reply)?.[1];
        if (code) claim(code, `sms ${messageSid}`);
      });
      return;
    }
    for (const answer of answers) {
      const code = answer && SMS_REPLY.ordered.exec(answer.reply)?.[1];
      if (code) claim(code, `sms ${messageSid}`);
    }
    if (!race && Math.random() < P_SMS_RETRY) {
      const again = await text(phone, body, messageSid, 'sms repeat', expected);
      const code = again && SMS_REPLY.ordered.exec(again.reply)?.[1];
      if (code) claim(code, `sms ${messageSid}`);
      if (again && again.reply !== first.reply)
        repeatMismatches.sequential.push(`SMS ${messageSid}: "${first.reply}", again "${again.reply}"`);
    }
  }

  /** One USSD hop; the screen when it matches what the journey expects there, null when it failed. */
  async function hop(
    phone: string,
    session: string,
    path: string[],
    kind: string,
    expected: RegExp | RegExp[],
    outcome: string | ((screen: string) => string),
    { stats, timeoutMs } = LOAD,
  ) {
    const result = await ussd(url, USSD_KEY, session, phone, path.join('*'), timeoutMs);
    if (result.failure) {
      stats.error(kind, result.ms, category(result.failure), result.failure);
      return null;
    }
    const matched = [expected].flat().find((pattern) => pattern.test(result.body));
    if (!matched) {
      const what = USSD_SCREEN.fault.test(result.body) ? 'fault screen' : 'unexpected screen';
      stats.error(kind, result.ms, what, `${path.join('*') || '(first hop)'} -> ${result.body}`);
      return null;
    }
    stats.ok(kind, result.ms, typeof outcome === 'string' ? outcome : outcome(result.body));
    return result.body;
  }

  async function ussdTurn(client: Client): Promise<void> {
    const session = () => `ATUid_${randomUUID()}`;
    if (!client.ussd) {
      const phone = newPhone('757');
      const s = session();
      const joined =
        (await hop(phone, s, [], 'ussd join hop', USSD_SCREEN.stranger, 'menu')) &&
        (await hop(phone, s, ['1'], 'ussd join hop', USSD_SCREEN.enterCenter, 'menu')) &&
        (await hop(phone, s, ['1', CENTER], 'ussd join hop', USSD_SCREEN.joined, 'joined'));
      if (joined) client.ussd = phone;
      return;
    }
    const phone = client.ussd;
    const s = session();
    const path: string[] = [];
    const menu = (expected: RegExp | RegExp[], outcome = 'screen') => hop(phone, s, path, 'ussd menu hop', expected, outcome);
    if (!(await menu(USSD_SCREEN.main))) return;
    path.push('1');
    if (!(await menu(USSD_SCREEN.buy))) return;
    path.push('1');
    if (!(await menu(USSD_SCREEN.enterWord))) return;
    path.push(popular().word);
    const list = await menu([USSD_SCREEN.nothingFound, /^CON Choose a product:\n/]);
    if (!list || USSD_SCREEN.nothingFound.test(list)) return;
    const choices = [...list.matchAll(USSD_SCREEN.choice)].map((m) => m[1]!).filter((c) => c !== '0' && c !== '00');
    if (!choices.length) return LOAD.stats.error('ussd menu hop', 0, 'unexpected screen', `no product to choose: ${list}`);
    path.push(pick(choices));
    const quantity = await menu(USSD_SCREEN.quantity);
    if (!quantity) return;
    path.push(String(Math.min(between(1, 3), Number(USSD_SCREEN.quantity.exec(quantity)![1]))));
    if (!(await menu(USSD_SCREEN.payBy))) return;
    path.push('1');
    if (!(await menu(USSD_SCREEN.confirm))) return;
    path.push('1');
    const identity = `ussd ${s} ${path.join('*')}`;
    const endings = [USSD_SCREEN.ordered, USSD_SCREEN.outOfStock];
    const ending = (screen: string) => (USSD_SCREEN.ordered.test(screen) ? 'placed' : 'out-of-stock');
    const ends: (string | null)[] = [await hop(phone, s, path, 'ussd confirm hop', endings, ending)];
    for (let retry = 0; retry < FAULT_RETRIES && !ends.some((e) => e !== null); retry++) {
      ends.push(await hop(phone, s, path, 'ussd repeat', endings, ending));
    }
    const end = ends.find((e) => e !== null);
    if (!end) {
      unanswered.push(async () => {
        const screen = await hop(phone, s, path, 'ussd confirm hop', endings, ending, RECOVERY);
        const code = screen && USSD_SCREEN.ordered.exec(screen)?.[1];
        if (code) claim(code, identity);
      });
      return;
    }
    if (Math.random() < P_USSD_RETRY) {
      const again = await hop(phone, s, path, 'ussd repeat', endings, ending);
      if (again && again !== end) repeatMismatches.sequential.push(`USSD ${identity}: "${end}", again "${again}"`);
      ends.push(again);
    }
    for (const e of ends) {
      const code = e && USSD_SCREEN.ordered.exec(e)?.[1];
      if (code) claim(code, identity);
    }
  }

  // --- The load: every client takes turns until the time is up; a turn under way is finished.
  const turns = { graphqlOrder, graphqlSearch, sms: smsTurn, ussd: ussdTurn };
  const runClients = (group: Client[], rampMs: number, until: number) =>
    Promise.all(
      group.map(async (client, i) => {
        await new Promise((wait) => setTimeout(wait, (rampMs * i) / group.length));
        while (performance.now() < until) await turns[weighted(MIX)](client);
      }),
    );
  if (WARMUP_SECONDS > 0) {
    const warmupClients = clients.slice(0, Math.max(1, Math.round(CLIENTS / 10)));
    await runClients(warmupClients, 0, performance.now() + WARMUP_SECONDS * 1000);
    console.log(
      `Warm-up (not counted below): ${warmupClients.length} clients for ${WARMUP_SECONDS} s, ${LOAD.stats.totalRequests} requests, ` +
        `${LOAD.stats.totalErrors} errors, ${codeRequests.size} orders`,
    );
    LOAD.stats = new LoadStats();
  }
  const { stats } = LOAD;
  const ordersBefore = codeRequests.size;
  const cpuBefore = process.cpuUsage();
  const serverCpuBefore = server.cpuSeconds();
  const loadStarted = performance.now();
  const deadline = loadStarted + (RAMP_SECONDS + SECONDS) * 1000;
  const progress = setInterval(() => {
    const elapsed = (performance.now() - loadStarted) / 1000;
    console.log(
      `  ${elapsed.toFixed(0).padStart(3)} s: in the last ${PROGRESS_SECONDS} s ${stats.takeInterval()}; ${codeRequests.size - ordersBefore} orders so far; load average ${loadavg()[0]!.toFixed(2)}`,
    );
  }, PROGRESS_SECONDS * 1000);
  await runClients(clients, RAMP_SECONDS * 1000, deadline);
  clearInterval(progress);
  const loadEnded = performance.now();
  const seconds = (loadEnded - loadStarted) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuAfter = server.cpuSeconds();
  const loadAfter = loadavg();

  console.log(
    `\nThroughput and latency (${CLIENTS} clients, ${seconds.toFixed(1)} s: ${RAMP_SECONDS} s of start, ${SECONDS} s of load, then the turns under way finished):`,
  );
  for (const line of stats.table(seconds)) console.log(`  ${line}`);
  console.log(
    `  the load generator used ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU (${((cpu.user + cpu.system) / 1e4 / seconds).toFixed(0)}% of one core); ` +
      `load average at the end ${loadAfter.map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`,
  );
  if (serverCpuBefore && serverCpuAfter) {
    const share = (cpuSeconds: number) => `${cpuSeconds.toFixed(1)} s of CPU (${((cpuSeconds / seconds) * 100).toFixed(0)}% of one core)`;
    console.log(
      `  the server process used ${share(serverCpuAfter.server - serverCpuBefore.server)}, ` +
        `its DynamoDB Local ${share(serverCpuAfter.dynamo - serverCpuBefore.dynamo)}`,
    );
  }
  const ordersPlaced = codeRequests.size - ordersBefore;
  console.log(`  orders placed: ${ordersPlaced} (${(ordersPlaced / seconds).toFixed(1)}/s)`);
  const samples = stats.errorSamples();
  if (samples.length) {
    console.log('  error samples:');
    for (const sample of samples) console.log(`    ${sample}`);
  }
  const serverFaults = server.faults();
  console.log(`  server log lines at level error: ${serverFaults.count}, at level warn: ${warnLines}`);
  if (socketWaits.warnings) {
    console.log(
      `  the server's DynamoDB client had all its ${socketWaits.capacity} sockets (the SDK's default) busy: the SDK warned ` +
        `${socketWaits.warnings} times (at most once in 15 s, when 100 or more wait), with up to ${socketWaits.mostEnqueued} requests waiting`,
    );
  }
  for (const sample of serverFaults.samples) console.log(`    ${sample}`);

  // --- Orders whose every try failed may still have been placed: ask again, as an idempotent client
  // may, so that the check below counts them and only a write that is really lost or doubled disagrees.
  if (unanswered.length) {
    console.log(
      `\nOrder requests with no answer during the load: ${unanswered.length}; repeated now with the same key, MessageSid or USSD path:`,
    );
    let nextRepeat = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextRepeat < unanswered.length) await unanswered[nextRepeat++]!();
      }),
    );
    for (const line of RECOVERY.stats.table(null)) console.log(`  ${line}`);
  }

  // --- The check: every order the load was told of, read back; stock of every product.
  console.log('\nConsistency (read back through the admin API):');
  const codes = [...codeRequests.keys()];
  const orders = new Map<string, { status: string; lines: { productCode: string; quantity: number }[] } | null>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < codes.length) {
        const code = codes[next++]!;
        orders.set(code, orderOf(await admin(GQL.order, { code })));
      }
    }),
  );
  const disagreements: string[] = [];
  const missing = codes.filter((code) => orders.get(code) === null);
  for (const code of missing) disagreements.push(`order ${code} was reported placed but cannot be read`);
  for (const [code, requests] of codeRequests) {
    if (requests.size > 1)
      disagreements.push(`order code ${code} answered ${requests.size} different requests: ${[...requests].join('; ')}`);
  }
  for (const [request, answered] of requestCodes) {
    if (answered.size > 1) disagreements.push(`${request} produced ${answered.size} orders: ${[...answered].join(', ')}`);
  }
  for (const code of reportedCancelled) {
    const status = orders.get(code)?.status;
    if (status !== 'CANCELLED') disagreements.push(`order ${code} was reported cancelled but is ${status}`);
  }
  const sold = new Map<string, number>();
  let cancelledOrders = 0;
  for (const order of orders.values()) {
    if (!order) continue;
    if (order.status === 'CANCELLED') {
      cancelledOrders++;
      continue;
    }
    for (const line of order.lines) sold.set(line.productCode, (sold.get(line.productCode) ?? 0) + line.quantity);
  }
  let soldOut = 0;
  let unitsSold = 0;
  for (const product of products) {
    const now = productOf(await admin(GQL.product, { code: product.code, villageId: product.villageId }));
    const expected = product.initialStock - (sold.get(product.code) ?? 0);
    unitsSold += sold.get(product.code) ?? 0;
    if (now?.stock === 0) soldOut++;
    if (now?.stock !== expected) {
      disagreements.push(
        `${product.code}: initial ${product.initialStock} - ${sold.get(product.code) ?? 0} ordered = ${expected}, but stock is ${now?.stock}`,
      );
    }
  }
  const orderedCodes = new Set(products.map((p) => p.code));
  for (const code of sold.keys())
    if (!orderedCodes.has(code)) disagreements.push(`orders name product ${code}, which the load never seeded`);

  const via = (prefix: string) => [...requestCodes.keys()].filter((r) => r.startsWith(prefix)).length;
  console.log(
    `  ${codes.length} orders reported (GraphQL ${via('graphql')}, SMS ${via('sms')}, USSD ${via('ussd')}), ${codes.length - missing.length} read back, ` +
      `${cancelledOrders} cancelled; ${unitsSold} units sold; ${soldOut} of ${products.length} products sold out`,
  );
  console.log(
    `  checked: initial stock - ordered (non-cancelled) = stock for ${products.length} products; every order code answers one request; ` +
      `every idempotency key, MessageSid and USSD path produced at most one order`,
  );
  console.log(
    `  repeats answered differently: ${repeatMismatches.sequential.length} sequential, ${repeatMismatches.racing.length} racing (same key, MessageSid or path)`,
  );
  for (const mismatch of [...repeatMismatches.sequential, ...repeatMismatches.racing].slice(0, 5)) console.log(`    ${mismatch}`);
  for (const disagreement of disagreements.slice(0, 20)) console.log(`    ${disagreement}`);

  // The seller hears of each order from the outbox, written in the order's transaction and sent
  // from the table's stream: give the stream a moment to catch up.
  const placed = codes.filter((code) => orders.get(code));
  const waitStarted = performance.now();
  while (placed.some((code) => !notified.has(code)) && performance.now() - waitStarted < 60_000) {
    await new Promise((wait) => setTimeout(wait, 500));
  }
  const unnotified = placed.filter((code) => !notified.has(code));
  const twice = placed.filter((code) => (notified.get(code) ?? 0) > 1);
  console.log(
    `  seller notifications (outbox, stream, logging sender): ${placed.length - unnotified.length} of ${placed.length} orders notified, ` +
      `${twice.length} more than once (${unnotified.length ? 'the rest still missing' : 'all within'} ` +
      `${((performance.now() - loadEnded) / 1000).toFixed(1)} s ${unnotified.length ? 'after' : 'of'} the end of the load)`,
  );
  if (unnotified.length) console.log(`    not notified: ${unnotified.slice(0, 10).join(', ')}${unnotified.length > 10 ? ', ...' : ''}`);
  console.log(`errors: ${stats.totalErrors}`);
  console.log(`disagreements: ${disagreements.length}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? error);
  process.exit(1);
});
