import { beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidInputError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { commodityMarkets, marketPrices, reportPrice } from '../../core/prices/price-service.js';
import { ok, seedCatalogue } from '../support/fixtures.js';
import { app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await createTestStore();
});

const DAY = 86_400_000;
const today = new Date('2026-11-28T09:00:00Z');
const reporter = (daysAgo: number, number = '+255754300001') =>
  contextFor(store, phone(number), () => new Date(today.getTime() - daysAgo * DAY));
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
    ok(await reportPrice(reporter(1, '+255754300002'), { commodity: 'maize', market: 'Moshi', unit: 'kg', price: tzs(65_001) }));
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
        verifiedCount: 0,
        latestDate: '2026-11-28',
        // The newest 7 days' median (of 90,000 and 70,000) against 80,000 before.
        changePercent: 0,
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
        verifiedCount: 0,
        latestDate: '2026-11-27',
        changePercent: null,
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

  it('counts every one of many reports sent to one market at the same moment', async () => {
    const reporters = Array.from({ length: 20 }, (_, i) =>
      contextFor(store, phone(`+2557543100${String(i).padStart(2, '0')}`), () => today),
    );
    await Promise.all(
      reporters.map(async (ctx, i) =>
        ok(await reportPrice(ctx, { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(80_000 + i * 1_000) })),
      ),
    );
    const [arusha] = await marketPrices(
      contextFor(store, app, () => today),
      'maize',
      'Arusha',
    );
    expect(arusha).toMatchObject({ min: 80_000, max: 99_000, median: 89_500, reportCount: 20 });
  });

  it('shows a market until 14 days after its newest report', async () => {
    ok(await reportPrice(reporter(0), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(80_000) }));
    const pricesAfter = (days: number) =>
      marketPrices(
        contextFor(store, app, () => new Date(today.getTime() + days * DAY)),
        'maize',
        null,
      );
    expect((await pricesAfter(14)).map((s) => s.median)).toEqual([80_000]);
    expect(await pricesAfter(15)).toEqual([]);
  });

  it('names the markets a commodity has figures from, once each', async () => {
    ok(await reportPrice(reporter(0), { commodity: 'rice', market: 'Moshi', unit: 'kg', price: tzs(300_000) }));
    ok(await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha', unit: 'kg', price: tzs(300_000) }));
    ok(await reportPrice(reporter(0, '+255754300002'), { commodity: 'rice', market: 'Arusha', unit: 'bag', price: tzs(9_000_000) }));
    expect(
      await commodityMarkets(
        contextFor(store, app, () => today),
        'rice',
      ),
    ).toEqual(['Arusha', 'Moshi']);
  });

  it('keeps units apart', async () => {
    ok(await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha', unit: 'kg', price: tzs(300_000) }));
    ok(await reportPrice(reporter(0, '+255754300002'), { commodity: 'rice', market: 'Arusha', unit: '50 kg bag', price: tzs(14_000_000) }));
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

  it('keeps a report far outside the spread out of the median until another reporter confirms it', async () => {
    for (const [i, amount] of [98_000, 100_000, 100_000, 101_000, 103_000].entries()) {
      ok(await reportPrice(reporter(1, `+25575430010${i}`), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(amount) }));
    }
    const arusha = async () =>
      (
        await marketPrices(
          contextFor(store, app, () => today),
          'maize',
          'Arusha',
        )
      )[0]!;
    expect(await arusha()).toMatchObject({ median: 100_000, reportCount: 5 });
    const outlier = ok(
      await reportPrice(reporter(0, '+255754300201'), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(400_000) }),
    );
    expect(outlier.standing).toBe('AWAITING_CONFIRMATION');
    expect(await arusha()).toMatchObject({ median: 100_000, max: 103_000, reportCount: 5 });
    const confirming = ok(
      await reportPrice(reporter(0, '+255754300202'), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(380_000) }),
    );
    expect(confirming.standing).toBe('COUNTED');
    expect(await arusha()).toMatchObject({ median: 101_000, max: 400_000, reportCount: 7 });
  });

  it('counts a flood of 100 reports from one phone to a market once', async () => {
    ok(await reportPrice(reporter(0, '+255754300301'), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(100_000) }));
    const flooder = contextFor(store, phone('+255754300302'), () => today);
    const standings: string[] = [];
    // Ten at a time, as a phone's texts arrive.
    for (let batch = 0; batch < 10; batch++) {
      const prices = Array.from({ length: 10 }, (_, i) => 10_000 + batch * 10 + i);
      const placed = await Promise.all(
        prices.map((amount) => reportPrice(flooder, { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(amount) })),
      );
      standings.push(...placed.map((report) => ok(report).standing));
    }
    expect(standings.filter((standing) => standing === 'COUNTED')).toHaveLength(1);
    expect(standings.filter((standing) => standing === 'ALREADY_COUNTED_TODAY')).toHaveLength(99);
    const [arusha] = await marketPrices(
      contextFor(store, app, () => today),
      'maize',
      'Arusha',
    );
    expect(arusha!.reportCount).toBe(2);
  });

  it('lets partners and administrators mark a report as verified, and counts it outside the spread', async () => {
    const { center } = await seedCatalogue(store);
    for (const [i, amount] of [98_000, 100_000, 100_000, 101_000, 103_000].entries()) {
      ok(await reportPrice(reporter(1, `+25575430040${i}`), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(amount) }));
    }
    const far = { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(300_000), verified: true };
    expect(await reportPrice(reporter(0, '+255754300410'), far)).toBeInstanceOf(ForbiddenError);
    const partner = contextFor(store, phone(center.partnerPhone), () => today);
    expect(ok(await reportPrice(partner, far))).toMatchObject({ verified: true, standing: 'COUNTED' });
    expect(
      (
        await marketPrices(
          contextFor(store, app, () => today),
          'maize',
          'Arusha',
        )
      )[0],
    ).toMatchObject({
      max: 300_000,
      reportCount: 6,
      verifiedCount: 1,
    });
  });

  it('rejects bad reports and read-only keys', async () => {
    expect(
      await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha', unit: 'kg', price: { amount: 1, currency: 'ZZZ' } }),
    ).toBeInstanceOf(InvalidInputError);
    expect(await reportPrice(reporter(0), { commodity: '', market: 'Arusha', unit: 'kg', price: tzs(1) })).toBeInstanceOf(
      InvalidInputError,
    );
    expect(await reportPrice(reporter(0), { commodity: 'rice', market: 'Arusha#kg', unit: 'x', price: tzs(1) })).toBeInstanceOf(
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
