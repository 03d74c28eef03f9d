// After the load: every order the load was told of, read back through the admin API, and what must
// agree with it: stock, one order per request, one request per order, cancellations, notifications.
import type { AdminClient } from './load-clients.js';
import type { LoadContext } from './load-context.js';
import { LoadOrder, LoadProduct } from './load-operations.js';

const READ_CONCURRENCY = 16;
/** How long the seller notifications may take to come through the stream after the load. */
const NOTIFICATION_WAIT_MS = 60_000;

type StoredOrder = { status: string; lines: { productCode: string; quantity: number }[] } | null;

export interface Audit {
  orders: Map<string, StoredOrder>;
  cancelledOrders: number;
  unitsSold: number;
  soldOut: number;
  disagreements: string[];
}

async function readBack(admin: AdminClient, codes: string[]): Promise<Map<string, StoredOrder>> {
  const orders = new Map<string, StoredOrder>();
  let next = 0;
  await Promise.all(
    Array.from({ length: READ_CONCURRENCY }, async () => {
      while (next < codes.length) {
        const code = codes[next++]!;
        const { order } = await admin(LoadOrder, { code });
        orders.set(code, order.__typename === 'OrderSuccess' ? order.data : null);
      }
    }),
  );
  return orders;
}

/** Every order readable, every code answering one request, every request answered with one code, every reported cancellation done. */
function answersDisagreeing(load: LoadContext, orders: Map<string, StoredOrder>): string[] {
  const { codeRequests, requestCodes, reportedCancelled } = load.ledger;
  const disagreements = [...orders]
    .filter(([, order]) => order === null)
    .map(([code]) => `order ${code} was reported placed but cannot be read`);
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
  return disagreements;
}

/** Units ordered per product, by the orders not cancelled. */
function unitsOrdered(orders: Map<string, StoredOrder>): Map<string, number> {
  const sold = new Map<string, number>();
  for (const order of orders.values()) {
    if (!order || order.status === 'CANCELLED') continue;
    for (const line of order.lines) sold.set(line.productCode, (sold.get(line.productCode) ?? 0) + line.quantity);
  }
  return sold;
}

/** Initial stock - units ordered = stock now, for every product; and no order of a product the load did not seed. */
async function stockDisagreeing(load: LoadContext, admin: AdminClient, sold: Map<string, number>) {
  const disagreements: string[] = [];
  let soldOut = 0;
  for (const product of load.catalogue.products) {
    const { product: found } = await admin(LoadProduct, { code: product.code, villageId: product.villageId });
    const now = found?.__typename === 'ProductSuccess' ? found.data : null;
    const expected = product.initialStock - (sold.get(product.code) ?? 0);
    if (now?.stock === 0) soldOut++;
    if (now?.stock !== expected) {
      disagreements.push(
        `${product.code}: initial ${product.initialStock} - ${sold.get(product.code) ?? 0} ordered = ${expected}, but stock is ${now?.stock}`,
      );
    }
  }
  const seeded = new Set(load.catalogue.products.map((p) => p.code));
  for (const code of sold.keys()) if (!seeded.has(code)) disagreements.push(`orders name product ${code}, which the load never seeded`);
  return { disagreements, soldOut };
}

export async function auditOrders(load: LoadContext, admin: AdminClient): Promise<Audit> {
  const orders = await readBack(admin, [...load.ledger.codeRequests.keys()]);
  const sold = unitsOrdered(orders);
  const stock = await stockDisagreeing(load, admin, sold);
  return {
    orders,
    cancelledOrders: [...orders.values()].filter((order) => order?.status === 'CANCELLED').length,
    unitsSold: [...sold.values()].reduce((sum, units) => sum + units, 0),
    soldOut: stock.soldOut,
    disagreements: [...answersDisagreeing(load, orders), ...stock.disagreements],
  };
}

/**
 * The seller hears of each order from the outbox, written in the order's transaction and sent from
 * the table's stream: gives the stream time to catch up, then the orders not notified, and notified twice.
 */
export async function awaitNotifications(placed: string[], notified: Map<string, number>) {
  const started = performance.now();
  while (placed.some((code) => !notified.has(code)) && performance.now() - started < NOTIFICATION_WAIT_MS) {
    await new Promise((wait) => setTimeout(wait, 500));
  }
  return {
    unnotified: placed.filter((code) => !notified.has(code)),
    twice: placed.filter((code) => (notified.get(code) ?? 0) > 1),
  };
}
