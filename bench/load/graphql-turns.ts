// A client's turns through the GraphQL API, as an app places, repeats and cancels orders and searches.
import { randomUUID } from 'node:crypto';
import type { Client } from './load-buyers.js';
import { graphql } from './load-clients.js';
import { category, type LoadContext, type Meter } from './load-context.js';
import { LoadCancelOrder, LoadPlaceOrder, LoadSearch } from './load-operations.js';
import { CHANCE, FAULT_RETRIES } from './load-settings.js';

type Placed = { outcome: 'placed'; code: string } | { outcome: 'out-of-stock' | 'failed' };
type PlaceOrderInput = { serviceCenterId: string; lines: { productCode: string; quantity: number }[]; idempotencyKey: string };

const sameAnswer = (a: Placed, b: Placed) => a.outcome === b.outcome && (a.outcome !== 'placed' || a.code === (b as { code: string }).code);

async function placeOrder(
  load: LoadContext,
  client: Client,
  input: PlaceOrderInput,
  kind: string,
  identity: string,
  meter: Meter = load.load,
) {
  const { stats, timeoutMs } = meter;
  const result = await graphql(load.url, client.key, LoadPlaceOrder, { input: { ...input, paymentMethod: 'CASH' } }, timeoutMs);
  if (result.failure || !result.data) {
    stats.error(kind, result.ms, category(result.failure ?? 'no data'), result.failure ?? '');
    return { outcome: 'failed' } as Placed;
  }
  const placed = result.data.placeOrder;
  if (placed.__typename === 'PlaceOrderSuccess') {
    stats.ok(kind, result.ms, 'placed');
    load.ledger.claim(placed.data.code, identity);
    return { outcome: 'placed', code: placed.data.code } as Placed;
  }
  if (placed.__typename === 'OutOfStockError') {
    stats.ok(kind, result.ms, 'out-of-stock');
    return { outcome: 'out-of-stock' } as Placed;
  }
  stats.error(kind, result.ms, `unexpected ${placed.__typename}`, JSON.stringify(placed));
  return { outcome: 'failed' } as Placed;
}

async function cancel(load: LoadContext, client: Client, code: string): Promise<void> {
  const { stats, timeoutMs } = load.load;
  const result = await graphql(load.url, client.key, LoadCancelOrder, { code }, timeoutMs);
  if (result.failure || !result.data)
    return stats.error('graphql cancelOrder', result.ms, category(result.failure ?? 'no data'), result.failure ?? '');
  const cancelled = result.data.cancelOrder;
  if (cancelled.__typename !== 'CancelOrderSuccess') {
    return stats.error('graphql cancelOrder', result.ms, `unexpected ${cancelled.__typename}`, JSON.stringify(cancelled));
  }
  load.ledger.reportedCancelled.add(code);
  stats.ok('graphql cancelOrder', result.ms, 'cancelled');
}

/** An order, sometimes sent twice at once or again after its answer with the same key, and now and then cancelled. */
export async function graphqlOrder(load: LoadContext, client: Client): Promise<void> {
  const key = randomUUID();
  const identity = `graphql ${client.buyer} ${key}`;
  // An app names products by the id its search answered with: the order reads no center first.
  const lines = load.catalogue.orderLines().map((line) => ({ ...line, productCode: load.catalogue.idOf(line.productCode) }));
  const input = { serviceCenterId: load.centerCode, lines, idempotencyKey: key };
  const race = Math.random() < CHANCE.graphqlRace;
  const answers = race
    ? await Promise.all([
        placeOrder(load, client, input, 'graphql placeOrder', identity),
        placeOrder(load, client, input, 'graphql placeOrder repeat', identity),
      ])
    : [await placeOrder(load, client, input, 'graphql placeOrder', identity)];
  if (race && answers.every((a) => a.outcome !== 'failed') && !sameAnswer(answers[0]!, answers[1]!)) {
    load.ledger.repeatMismatches.racing.push(`placeOrder ${key}: ${JSON.stringify(answers)}`);
  }
  for (let retry = 0; retry < FAULT_RETRIES && answers.every((a) => a.outcome === 'failed'); retry++) {
    answers.push(await placeOrder(load, client, input, 'graphql placeOrder repeat', identity));
  }
  const first = answers.find((a) => a.outcome !== 'failed');
  if (!first) load.ledger.unanswered.push(() => placeOrder(load, client, input, 'graphql placeOrder', identity, load.recovery));
  if (first?.outcome === 'placed' && !race && Math.random() < CHANCE.graphqlRetry) {
    const again = await placeOrder(load, client, input, 'graphql placeOrder repeat', identity);
    if (again.outcome !== 'failed' && !sameAnswer(first, again)) {
      load.ledger.repeatMismatches.sequential.push(`placeOrder ${key}: first ${JSON.stringify(first)}, again ${JSON.stringify(again)}`);
    }
  }
  if (first?.outcome === 'placed' && Math.random() < CHANCE.cancel) await cancel(load, client, first.code);
}

export async function graphqlSearch(load: LoadContext, client: Client): Promise<void> {
  const { stats, timeoutMs } = load.load;
  const result = await graphql(load.url, client.key, LoadSearch, { search: load.catalogue.popular().word }, timeoutMs);
  if (result.failure || !result.data) {
    return stats.error('graphql products search', result.ms, category(result.failure ?? 'no data'), result.failure ?? '');
  }
  const hits = result.data.products?.nodes;
  if (!Array.isArray(hits)) return stats.error('graphql products search', result.ms, 'no list', JSON.stringify(result.data));
  stats.ok('graphql products search', result.ms, hits.length ? 'found' : 'none');
}
