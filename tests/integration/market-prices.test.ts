import { beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidInputError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { marketPrices, reportPrice } from '../../core/prices/price-service.js';
import { ok } from '../support/fixtures.js';
import { app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await createTestStore();
});

const DAY = 86_400_000;
const today = new Date('2026-11-28T09:00:00Z');
const reporter = (daysAgo: number) => contextFor(store, phone('+255754300001'), () => new Date(today.getTime() - daysAgo * DAY));
const tzs = (amount: number) => ({ amount, currency: 'TZS' });

describe('market prices', () => {
  it('summarizes the last 14 days per market: min, median, max, count, latest date', async () => {
    for (const [daysAgo, amount] of [
      [0, 90_000],
      [3, 70_000],
      [13, 80_000],
      [20, 10_000],
    ] as const) {
      ok(await reportPrice(reporter(daysAgo), { commodity: 'Maize', market: 'arusha', unit: 'kg', price: tzs(amount) }));
    }
    ok(await reportPrice(reporter(1), { commodity: 'maize ', market: 'Moshi', unit: 'kg', price: tzs(60_000) }));
    ok(await reportPrice(reporter(1), { commodity: 'maize', market: 'Moshi', unit: 'kg', price: tzs(65_001) }));
    ok(await reportPrice(reporter(1), { commodity: 'beans', market: 'Moshi', unit: 'kg', price: tzs(1) }));

    const summaries = await marketPrices(
      contextFor(store, app, () => today),
      'MAIZE',
      null,
    );
    expect(summaries).toEqual([
      {
        commodity: 'maize',
        market: 'Arusha',
        unit: 'kg',
        currency: 'TZS',
        min: 70_000,
        median: 80_000,
        max: 90_000,
        reportCount: 3,
        latestDate: '2026-11-28',
      },
      {
        commodity: 'maize',
        market: 'Moshi',
        unit: 'kg',
        currency: 'TZS',
        min: 60_000,
        median: 62_501,
        max: 65_001,
        reportCount: 2,
        latestDate: '2026-11-27',
      },
    ]);
    const moshi = await marketPrices(
      contextFor(store, app, () => today),
      'maize',
      'moshi',
    );
    expect(moshi.map((s) => s.market)).toEqual(['Moshi']);
  });

  it('records a report once for a repeated idempotency key', async () => {
    const input = { commodity: 'beans', market: 'Moshi', unit: 'kg', price: tzs(300_000), idempotencyKey: 'SM123' };
    const first = ok(await reportPrice(reporter(0), input));
    expect(ok(await reportPrice(reporter(0), input)).id).toBe(first.id);
    expect(
      (
        await marketPrices(
          contextFor(store, app, () => today),
          'beans',
          null,
        )
      )[0]!.reportCount,
    ).toBe(1);
  });

  it('keeps units apart', async () => {
    ok(await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha', unit: 'kg', price: tzs(300_000) }));
    ok(await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha', unit: '50 kg bag', price: tzs(14_000_000) }));
    const summaries = await marketPrices(
      contextFor(store, app, () => today),
      'rice',
      null,
    );
    expect(summaries.map((s) => [s.unit, s.median])).toEqual([
      ['50 kg bag', 14_000_000],
      ['kg', 300_000],
    ]);
  });

  it('rejects bad reports and read-only keys', async () => {
    expect(
      await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha', unit: 'kg', price: { amount: 1, currency: 'ZZZ' } }),
    ).toBeInstanceOf(InvalidInputError);
    expect(await reportPrice(reporter(0), { commodity: '', market: 'Arusha', unit: 'kg', price: tzs(1) })).toBeInstanceOf(
      InvalidInputError,
    );
    expect(await reportPrice(contextFor(store, app), { commodity: 'rice', market: 'Arusha', unit: 'kg', price: tzs(1) })).toBeInstanceOf(
      ForbiddenError,
    );
    expect(
      await marketPrices(
        contextFor(store, app, () => today),
        'rice',
        null,
      ),
    ).toEqual([]);
  });
});
