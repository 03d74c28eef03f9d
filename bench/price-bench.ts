// Reports maize prices in a table that holds few, then many, reports of the 14-day window, and
// prints DynamoDB calls and consumed capacity per price question (PRICE maize: every market's
// figures) and per report at each size: both should stay flat as the window fills.

import { createStore, ensureTable } from '../core/db/index.js';
import { marketPrices, PRICE_WINDOW_DAYS, reportPrice } from '../core/prices/index.js';
import { startDynamoDbLocal } from '../local/dynamodb-local.js';
import { median, ok, REGION, recordDynamoCalls } from './bench-support.js';

const MARKETS = ['Arusha', 'Moshi', 'Mwanga', 'Same', 'Babati'];
/** Reports in the window before each measurement. */
const SIZES = [10, 1_000, 3_000];
const SAMPLES = 20;
const DAY = 86_400_000;

const dynamo = await startDynamoDbLocal(null);
try {
  const store = createStore({ tableName: 'bench-prices', region: REGION, endpoint: dynamo.endpoint });
  await ensureTable(store);
  const now = new Date();
  // Reports from many phones, spread evenly over the window and the markets.
  const reporterAt = (i: number, at: Date) => ({
    store,
    requestId: 'bench',
    principal: { kind: 'PHONE' as const, phone: `+2557543${String(i % 100_000).padStart(5, '0')}` },
    now: () => at,
  });
  const report = (i: number, at: Date) =>
    reportPrice(reporterAt(i, at), {
      commodity: 'maize',
      market: MARKETS[i % MARKETS.length]!,
      unit: 'kg',
      price: { amount: 80_000 + (i % 41) * 500, currency: 'TZS' },
    });
  const recorder = recordDynamoCalls(store);
  const reader = { store, requestId: 'bench', principal: { kind: 'APP' as const, name: 'bench' }, now: () => now };

  console.log(`Market prices, DynamoDB Local: ${MARKETS.length} markets of maize, reports spread over ${PRICE_WINDOW_DAYS} days`);
  console.log('  reports in window   PRICE maize: calls  capacity   report: calls  capacity');
  let made = 0;
  for (const size of SIZES) {
    for (; made < size; made++) {
      ok(await report(made, new Date(now.getTime() - (PRICE_WINDOW_DAYS * DAY * (size - made)) / (size + 1))), 'reportPrice');
    }
    const question = { calls: [] as number[], capacity: [] as number[] };
    const write = { calls: [] as number[], capacity: [] as number[] };
    for (let sample = 0; sample < SAMPLES; sample++) {
      recorder.take();
      const summaries = await marketPrices(reader, 'maize', null);
      if (summaries.length !== MARKETS.length) throw new Error(`PRICE maize showed ${summaries.length} markets`);
      const asked = recorder.take();
      question.calls.push(asked.length);
      question.capacity.push(asked.reduce((sum, call) => sum + call.capacity, 0));
      ok(await report(made + sample, now), 'reportPrice');
      const reported = recorder.take();
      write.calls.push(reported.length);
      write.capacity.push(reported.reduce((sum, call) => sum + call.capacity, 0));
    }
    made += SAMPLES;
    console.log(
      `  ${String(size.toLocaleString('en')).padStart(17)}   ${String(median(question.calls)).padStart(17)}  ${String(median(question.capacity)).padStart(8)}` +
        `   ${String(median(write.calls)).padStart(13)}  ${String(median(write.capacity)).padStart(8)}`,
    );
  }
  console.log('  (capacity in units as ReturnConsumedCapacity reports them, reads and writes together; medians of 20)');
} finally {
  await dynamo.stop();
}
