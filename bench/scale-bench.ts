// Seeds a catalogue of SCALE_SMALL products across SCALE_VILLAGES villages in DynamoDB Local (in
// memory), measures the capacity that a search by SMS, a search through the API and an order
// consume, grows the catalogue to SCALE_LARGE products (the same villages) and measures again.
// The goal: a catalogue 100 times larger costs each of them at most GOAL (1.5) times the read capacity, so
// that what a search or an order costs stays nearly flat as the catalogue grows.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { graphql } from 'graphql';
import { handleInboundSms } from '../channels/sms/sms-inbound.js';
import type { RequestContext } from '../core/access/index.js';
import { productId, type Shop, upsertProduct } from '../core/catalogue/index.js';
import { CATALOGUE_SHARDS, createStore, ensureTable, keys, listCondition, listKeys, type Store } from '../core/db/index.js';
import { joinServiceCenter } from '../core/members/index.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { seedVillage } from '../local/sample-data.js';
import { schema } from '../schema/index.js';
import { ok, REGION } from './bench-support.js';
import { BUYER_PHONE, namedAfter, productSpec, SEARCH_WORD, scaleVillage } from './scale-catalogue.js';

// The operations measured.
const SMS_FIND = `FIND ${SEARCH_WORD}`;
const PAGE_SIZE = 20;
const SEARCH = `products(search: "${SEARCH_WORD}", first: ${PAGE_SIZE})`;
const SEARCH_DOCUMENT = `{ ${SEARCH} { nodes { code name unit price { amount currency } } } }`;
const PLACE_ORDER = `mutation ScaleOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { __typename ... on PlaceOrderSuccess { data { code total { amount } } } }
}`;

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`);
  return value;
};
const SMALL = numberFromEnv('SCALE_SMALL', 1_000);
const LARGE = numberFromEnv('SCALE_LARGE', 100_000);
const VILLAGES = numberFromEnv('SCALE_VILLAGES', 1_000);
const CONCURRENCY = numberFromEnv('SCALE_CONCURRENCY', 32);
/** Each measurement is repeated; the figures shown are medians (they barely vary). */
const REPEATS = 3;
const GOAL = 1.5;
/** How the growth is seeded: 'batched' (upsertProduct with its writes sent in BatchWriteItem) or 'services' (one transaction a product). */
const SEED = process.env.SCALE_SEED ?? 'batched';
if (SEED !== 'batched' && SEED !== 'services') throw new Error("SCALE_SEED must be 'batched' or 'services'");
const BATCHED = SEED === 'batched';
const TABLE = 'bench-scale';
if (LARGE <= SMALL) throw new Error('SCALE_LARGE must be above SCALE_SMALL');
if (SMALL < 2) throw new Error('SCALE_SMALL must be at least 2: the order takes two products of one shop');

/** Capacity as DynamoDB reports it for each call, and how many items a query read to find what it returned. */
interface CallRecord {
  command: string;
  read: number;
  write: number;
  scanned: number;
}

const READ_COMMANDS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);
const WRITE_COMMANDS = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * Asks every data call of the store's client for its consumed capacity (the default is none) and
 * records it. TOTAL reports read and write units apart where the call has both; a call that reports
 * only a total is counted by its kind.
 */
function recordCapacity(store: Store): { take: () => CallRecord[] } {
  let calls: CallRecord[] = [];
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '?';
      const input = args.input as { ReturnConsumedCapacity?: string };
      const isData = READ_COMMANDS.has(command) || WRITE_COMMANDS.has(command);
      if (isData && input.ReturnConsumedCapacity === undefined) input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      if (!isData) return result;
      type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
      const output = result.output as { ConsumedCapacity?: Consumed | Consumed[]; ScannedCount?: number };
      let read = 0;
      let write = 0;
      for (const consumed of [output.ConsumedCapacity ?? []].flat()) {
        if (consumed.ReadCapacityUnits !== undefined || consumed.WriteCapacityUnits !== undefined) {
          read += consumed.ReadCapacityUnits ?? 0;
          write += consumed.WriteCapacityUnits ?? 0;
        } else if (READ_COMMANDS.has(command)) read += consumed.CapacityUnits ?? 0;
        else write += consumed.CapacityUnits ?? 0;
      }
      calls.push({ command, read, write, scanned: output.ScannedCount ?? 0 });
      return result;
    },
    { step: 'initialize', name: 'scaleBenchCapacity' },
  );
  return {
    take: () => {
      const taken = calls;
      calls = [];
      return taken;
    },
  };
}

/** Runs `task` for 0..count-1, at most `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const grouped = (n: number) => n.toLocaleString('en-US');
const units = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// --- DynamoDB Local's memory: it keeps the whole table in its Java heap ---------------------------

/** The DynamoDB Local this process started (its child java process), found through /proc. */
function dynamoDbLocalPid(): number | null {
  try {
    const children = readdirSync('/proc/self/task').flatMap((task) =>
      readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
    );
    const pid = children.find((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('DynamoDBLocal'));
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

function memoryOf(pid: number | null): string {
  if (pid === null) return 'not measurable here (no /proc)';
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  const parts = [`resident ${rss ? Math.round(Number(rss[1]) / 1024) : '?'} MB`];
  try {
    // jcmd comes with a JDK; with a JRE alone only the resident size is shown.
    const heap = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const flags = execFileSync('jcmd', [String(pid), 'VM.flags'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const used = /total (\d+)K, used (\d+)K/.exec(heap);
    const max = /MaxHeapSize=(\d+)/.exec(flags);
    if (used) parts.push(`Java heap used ${Math.round(Number(used[2]) / 1024)} MB of ${Math.round(Number(used[1]) / 1024)} MB committed`);
    if (max) parts.push(`max ${Math.round(Number(max[1]) / 1024 / 1024)} MB`);
  } catch {
    // No jcmd: the resident size must do.
  }
  return parts.join(', ');
}

// --- Seeding, through the catalogue's own services -------------------------------------------------

interface Village {
  id: string;
  shop: Shop;
  centerCode: string;
}

async function seedVillages(ctx: RequestContext): Promise<Village[]> {
  const villages: Village[] = new Array(VILLAGES);
  await inParallel(VILLAGES, CONCURRENCY, async (v) => {
    const { village, center, shops } = await seedVillage(ctx, scaleVillage(v));
    villages[v] = { id: village.id, shop: shops[0]!, centerCode: center.id };
  });
  return villages;
}

/** Product n is listed in village n modulo the villages, except that products 0 and 1 (the ones ordered) share village 0's shop. */
const villageOf = (n: number) => (n === 1 ? 0 : n % VILLAGES);

async function seedProducts(ctx: RequestContext, villages: Village[], from: number, to: number): Promise<void> {
  await inParallel(to - from, CONCURRENCY, async (i) => {
    const n = from + i;
    const spec = productSpec(n);
    // The two products ordered keep enough stock for every order the benchmark places.
    const stock = n < 2 ? 10_000 : spec.stock;
    ok(await upsertProduct(ctx, { ...spec, stock, shopId: villages[villageOf(n)]!.shop.id }), `product ${spec.code}`);
  });
}

/** BatchWriteItem takes at most this many items a call. */
const BATCH_WRITE_LIMIT = 25;

/**
 * A store for seeding many products fast. upsertProduct runs whole on it (validation, the commodity's
 * canonical name, every item with its keys, index keys and search text exactly as the repository
 * builds them), but the items its transaction puts are held back, to go out with others in
 * BatchWriteItem, and its two reads are answered here: the shop from the shops the seeding created,
 * the product as not there yet (codes are new by construction; the catalogue's count after seeding
 * shows that none collided). What is lost is only the conditions of the transaction, which say
 * that the code is new. A transaction that does more than put items cannot be split so: then seed
 * with SCALE_SEED=services.
 */
function collectingStore(endpoint: string, villages: Village[]) {
  const store = createStore({ tableName: TABLE, region: REGION, endpoint });
  const shops = new Map(villages.map((village) => [keys.shop(village.shop.id).pk, village.shop]));
  const newProducts = new Set<string>();
  let held: Record<string, unknown>[] = [];
  let transactions = 0;
  store.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetItemCommand') {
        const pk = (args.input as { Key: { pk: string } }).Key.pk;
        if (shops.has(pk)) return { output: { $metadata: {}, Item: shops.get(pk) }, response: {} };
        if (newProducts.has(pk)) return { output: { $metadata: {} }, response: {} };
        return next(args);
      }
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const actions = (args.input as { TransactItems?: Record<string, { Item?: Record<string, unknown> }>[] }).TransactItems ?? [];
      const puts = actions.map((action) => (Object.keys(action).length === 1 ? action.Put?.Item : undefined));
      if (puts.some((item) => item === undefined)) {
        throw new Error(
          `upsertProduct's transaction does more than put items (${JSON.stringify(actions).slice(0, 200)}): seed with SCALE_SEED=services`,
        );
      }
      held.push(...(puts as Record<string, unknown>[]));
      transactions++;
      return { output: { $metadata: {} }, response: {} };
    },
    // Before the document client marshals the input and after it unmarshals the output: items are plain objects.
    { step: 'initialize', name: 'scaleBenchCollect' },
  );
  return {
    ctx: { principal: { kind: 'ADMIN' }, store, requestId: 'bench-scale-seed', now: () => new Date() } satisfies RequestContext,
    expectNew: (products: { villageId: string; code: string }[]) => {
      newProducts.clear();
      for (const product of products) newProducts.add(keys.product(product.villageId, product.code).pk);
    },
    drain: () => {
      const drained = { items: held, transactions };
      held = [];
      transactions = 0;
      return drained;
    },
  };
}

/** upsertProduct for each product, its items written 25 to a BatchWriteItem call (unprocessed ones again, after a pause). */
async function seedProductsInBatches(
  collecting: ReturnType<typeof collectingStore>,
  store: Store,
  villages: Village[],
  from: number,
  to: number,
) {
  const chunk = 5_000;
  for (let start = from; start < to; start += chunk) {
    const end = Math.min(to, start + chunk);
    collecting.expectNew(
      Array.from({ length: end - start }, (_, i) => ({ villageId: villages[villageOf(start + i)]!.id, code: productSpec(start + i).code })),
    );
    await seedProducts(collecting.ctx, villages, start, end);
    const { items, transactions } = collecting.drain();
    if (transactions !== end - start) throw new Error(`collected the writes of ${transactions} products of ${end - start}`);
    await inParallel(Math.ceil(items.length / BATCH_WRITE_LIMIT), CONCURRENCY, async (b) => {
      let requests = items.slice(b * BATCH_WRITE_LIMIT, (b + 1) * BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((wait) => setTimeout(wait, Math.min(1_000, 20 * 2 ** attempt)));
        const { UnprocessedItems } = await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: requests } }));
        requests = (UnprocessedItems?.[store.tableName] ?? []) as typeof requests;
      }
    });
  }
}

/** The products listed in the whole catalogue (a COUNT query of each of its shards, not measured). */
async function productCount(store: Store): Promise<number> {
  let products = 0;
  for (let shard = 0; shard < CATALOGUE_SHARDS; shard++) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await store.doc.send(
        new QueryCommand({
          ...listCondition(listKeys.catalogue(shard)),
          TableName: store.tableName,
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      products += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return products;
}

// --- What is measured ---------------------------------------------------------------------------

interface Measured {
  read: number;
  write: number;
  calls: number;
  scanned: number;
  /** What the operation answered: products found, or the order's outcome. */
  answer: string;
}

function sum(calls: CallRecord[], answer: string): Measured {
  return {
    read: calls.reduce((total, call) => total + call.read, 0),
    write: calls.reduce((total, call) => total + call.write, 0),
    calls: calls.length,
    scanned: calls.reduce((total, call) => total + call.scanned, 0),
    answer,
  };
}

function medianOf(runs: Measured[]): Measured {
  return {
    read: median(runs.map((run) => run.read)),
    write: median(runs.map((run) => run.write)),
    calls: median(runs.map((run) => run.calls)),
    scanned: median(runs.map((run) => run.scanned)),
    answer: runs[runs.length - 1]!.answer,
  };
}

let messageNumber = 0;
let orderNumber = 0;

async function measure(store: Store, recorder: ReturnType<typeof recordCapacity>, villages: Village[], size: number) {
  const buyer: RequestContext = {
    principal: { kind: 'PHONE', phone: BUYER_PHONE },
    store,
    requestId: 'bench-scale',
    now: () => new Date(),
  };
  const find: Measured[] = [];
  const products: Measured[] = [];
  const order: Measured[] = [];
  for (let r = 0; r < REPEATS; r++) {
    recorder.take();
    const reply = await handleInboundSms(
      store,
      { from: BUYER_PHONE, body: SMS_FIND, messageSid: `SMscale${size}x${++messageNumber}` },
      'bench-scale',
      new Date(),
    );
    find.push(sum(recorder.take(), `reply "${(reply ?? '').slice(0, 40)}..."`));

    const found = await graphql({ schema, source: SEARCH_DOCUMENT, contextValue: { ...buyer } });
    if (found.errors?.length) throw new Error(`products: ${found.errors.map((error) => error.message).join('; ')}`);
    const returned = (found.data as { products: { nodes: unknown[] } }).products.nodes.length;
    products.push(sum(recorder.take(), `${returned} products returned`));

    const placed = await graphql({
      schema,
      source: PLACE_ORDER,
      contextValue: { ...buyer },
      variableValues: {
        input: {
          serviceCenterId: villages[0]!.centerCode,
          lines: [
            // Product ids, as an app has them from a search: no center is read to resolve a bare code.
            { productCode: productId({ code: productSpec(0).code, villageId: villages[0]!.id }), quantity: 1 },
            { productCode: productId({ code: productSpec(1).code, villageId: villages[villageOf(1)]!.id }), quantity: 2 },
          ],
          paymentMethod: 'CASH',
          idempotencyKey: `bench-scale-${++orderNumber}`,
        },
      },
    });
    const outcome = (placed.data as { placeOrder?: { __typename: string } } | null)?.placeOrder?.__typename;
    if (outcome !== 'PlaceOrderSuccess') throw new Error(`placeOrder: ${JSON.stringify(placed)}`);
    order.push(sum(recorder.take(), outcome));
  }
  return { find: medianOf(find), products: medianOf(products), order: medianOf(order) };
}

// --- The run --------------------------------------------------------------------------------------

// DynamoDB Local keeps the table in native memory; its Java heap needs about 0.5 GB here, but left to
// itself the JVM grows it to a quarter of the machine's memory before collecting. Only the JVM started
// now sees the options (jcmd, run later, must not).
const toolOptions = process.env.JAVA_TOOL_OPTIONS;
process.env.JAVA_TOOL_OPTIONS = process.env.SCALE_JAVA_OPTIONS ?? '-Xmx2g';
const dynamo = await startDynamoDbLocal(null);
if (toolOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
else process.env.JAVA_TOOL_OPTIONS = toolOptions;
const javaPid = dynamoDbLocalPid();
try {
  const store = createStore({ tableName: TABLE, region: REGION, endpoint: dynamo.endpoint });
  await ensureTable(store);
  const admin: RequestContext = { principal: { kind: 'ADMIN' }, store, requestId: 'bench-scale-seed', now: () => new Date() };
  console.log(
    `Scale: ${grouped(SMALL)} then ${grouped(LARGE)} products across ${grouped(VILLAGES)} villages, DynamoDB Local in memory, ${CONCURRENCY} requests in flight`,
  );
  const catalogueLine = async (size: number) => {
    return `${grouped(await productCount(store))} products listed, ${grouped(namedAfter(SEARCH_WORD, size))} of them "${SEARCH_WORD}"`;
  };

  let started = performance.now();
  const villages = await seedVillages(admin);
  console.log(
    `  ${grouped(VILLAGES)} villages, each with a center and a shop (createVillage, createServiceCenter, createShop): ${seconds(started).toFixed(1)} s`,
  );
  ok(await joinServiceCenter({ ...admin, principal: { kind: 'PHONE', phone: BUYER_PHONE } }, villages[0]!.centerCode), 'join');

  started = performance.now();
  await seedProducts(admin, villages, 0, SMALL);
  const smallSeconds = seconds(started);
  console.log(
    `  ${grouped(SMALL)} products, one upsertProduct (and its transaction) each: ${smallSeconds.toFixed(1)} s (${Math.round(SMALL / smallSeconds)}/s); ${await catalogueLine(SMALL)}`,
  );
  console.log(`  DynamoDB Local: ${memoryOf(javaPid)}`);

  const recorder = recordCapacity(store);
  started = performance.now();
  const small = await measure(store, recorder, villages, SMALL);
  console.log(`  measured at ${grouped(SMALL)}: ${seconds(started).toFixed(1)} s`);

  const collecting = collectingStore(dynamo.endpoint, villages);
  started = performance.now();
  let lastReport = started;
  let seeded = SMALL;
  // In steps, so that a long seeding shows it is alive.
  const step = Math.max(1_000, Math.ceil((LARGE - SMALL) / 10));
  while (seeded < LARGE) {
    const to = Math.min(LARGE, seeded + step);
    if (BATCHED) await seedProductsInBatches(collecting, store, villages, seeded, to);
    else await seedProducts(admin, villages, seeded, to);
    recorder.take();
    seeded = to;
    if (performance.now() - lastReport > 30_000 && seeded < LARGE) {
      console.log(`    ... ${grouped(seeded)} products after ${seconds(started).toFixed(0)} s`);
      lastReport = performance.now();
    }
  }
  const largeSeconds = seconds(started);
  const how = BATCHED
    ? 'upsertProduct each, its items written 25 to a BatchWriteItem (SCALE_SEED=services: one transaction each)'
    : 'one upsertProduct (and its transaction) each';
  console.log(
    `  ${grouped(LARGE - SMALL)} more products, ${how}: ${largeSeconds.toFixed(1)} s (${Math.round((LARGE - SMALL) / largeSeconds)}/s); ${await catalogueLine(LARGE)}`,
  );
  console.log(`  DynamoDB Local: ${memoryOf(javaPid)}`);
  recorder.take();
  started = performance.now();
  const large = await measure(store, recorder, villages, LARGE);
  console.log(`  measured at ${grouped(LARGE)}: ${seconds(started).toFixed(1)} s; DynamoDB Local: ${memoryOf(javaPid)}`);

  const rows: [string, number, number][] = [
    [`${SMS_FIND} by SMS, read units`, small.find.read, large.find.read],
    [`${SEARCH}, read units`, small.products.read, large.products.read],
    ['placeOrder (2 lines), read units', small.order.read, large.order.read],
    ['placeOrder (2 lines), write units', small.order.write, large.order.write],
  ];
  const table = [
    ['consumed capacity', `at ${grouped(SMALL)}`, `at ${grouped(LARGE)}`, 'growth', 'goal', ''],
    ...rows.map(([name, at, atLarge]) => {
      const growth = at === 0 ? (atLarge === 0 ? 1 : Number.POSITIVE_INFINITY) : atLarge / at;
      return [name, units(at), units(atLarge), `${growth.toFixed(2)}x`, `<= ${GOAL}x`, growth <= GOAL ? 'meets' : 'misses'];
    }),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  console.log(
    `Capacity per operation (ReturnConsumedCapacity=TOTAL, every DynamoDB call it makes; median of ${REPEATS}), by catalogue size:`,
  );
  for (const row of table) {
    console.log(
      `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')}`,
    );
  }
  const detail = (name: string, at: Measured, atLarge: Measured) =>
    console.log(
      `  ${name}: DynamoDB calls ${at.calls} -> ${atLarge.calls}, items its queries read ${grouped(at.scanned)} -> ${grouped(atLarge.scanned)}, ` +
        `write units ${units(at.write)} -> ${units(atLarge.write)}; ${at.answer} -> ${atLarge.answer}`,
    );
  detail(SMS_FIND, small.find, large.find);
  detail(SEARCH, small.products, large.products);
  detail('placeOrder', small.order, large.order);
} finally {
  await dynamo.stop();
}
