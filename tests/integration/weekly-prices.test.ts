import { beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../core/common/errors.js';
import { weeklySlotOf } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { listOutbox } from '../../core/outbox/outbox-repository.js';
import { reportPrice } from '../../core/prices/price-service.js';
import { sendWeeklyPrices, startWeeklyPrices, stopWeeklyPrices } from '../../core/prices/weekly-prices-service.js';
import { ok } from '../support/fixtures.js';
import { app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await createTestStore();
});

const FARMER = '+255754600001';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2026-11-23, 00:00 UTC: hour 0 of its week. */
const monday = Date.UTC(2026, 10, 23);
/** The farmer's hour of the week in which `week` (0: this one) is. */
const farmersHour = (week = 0) => new Date(monday + week * 7 * DAY + weeklySlotOf(FARMER) * HOUR + 5 * 60_000);
let reporters = 0;
const report = (market: string, amount: number, at: Date) =>
  reportPrice(
    contextFor(store, phone(`+25575470${String(++reporters).padStart(4, '0')}`), () => at),
    {
      commodity: 'maize',
      market,
      unit: 'kg',
      price: { amount, currency: 'TZS' },
    },
  ).then(ok);
const weeklySent = async () =>
  (await listOutbox(store, FARMER, { first: 20, after: null }))!.items.filter((m) => m.notification.kind === 'WEEKLY_PRICES');

describe('weekly prices', () => {
  it("are written in the phone's hour of the week, once a week, with the busiest markets' medians and their trend", async () => {
    const at = farmersHour();
    await report('Arusha', 80_000, new Date(at.getTime() - 10 * DAY));
    await report('Arusha', 88_000, new Date(at.getTime() - DAY));
    await report('Moshi', 90_000, new Date(at.getTime() - DAY));
    const farmer = contextFor(store, phone(FARMER), () => at);
    expect(ok(await startWeeklyPrices(farmer, { commodity: 'mahindi' }))).toMatchObject({
      commodity: 'maize',
      hourOfWeek: weeklySlotOf(FARMER),
    });

    expect(await sendWeeklyPrices(store, new Date(at.getTime() - HOUR))).not.toHaveProperty('written');
    expect(await sendWeeklyPrices(store, at)).toEqual({ written: 1 });
    expect(await sendWeeklyPrices(store, new Date(at.getTime() + 10 * 60_000))).toEqual({ 'already written': 1 });
    const [message] = await weeklySent();
    expect(message!.notification).toEqual({
      kind: 'WEEKLY_PRICES',
      commodity: 'maize',
      week: new Date(monday).toISOString().slice(0, 10),
      markets: [
        { market: 'Arusha', unit: 'kg', median: { amount: 84_000, currency: 'TZS' }, changePercent: 10 },
        { market: 'Moshi', unit: 'kg', median: { amount: 90_000, currency: 'TZS' }, changePercent: null },
      ],
    });

    expect(await sendWeeklyPrices(store, farmersHour(1))).toEqual({ written: 1 });
    expect(await weeklySent()).toHaveLength(2);
  });

  it('stop when the phone says so, and go to phones alone', async () => {
    const at = farmersHour();
    await report('Arusha', 80_000, at);
    const farmer = contextFor(store, phone(FARMER), () => at);
    ok(await startWeeklyPrices(farmer, { commodity: 'maize' }));
    expect(ok(await stopWeeklyPrices(farmer))).toBe(true);
    expect(ok(await stopWeeklyPrices(farmer))).toBe(false);
    expect(await sendWeeklyPrices(store, at)).toEqual({});
    expect(await startWeeklyPrices(contextFor(store, app), { commodity: 'maize' })).toBeInstanceOf(ForbiddenError);
  });

  it('write nothing for a commodity without prices', async () => {
    const at = farmersHour();
    ok(
      await startWeeklyPrices(
        contextFor(store, phone(FARMER), () => at),
        { commodity: 'cassava' },
      ),
    );
    expect(await sendWeeklyPrices(store, at)).toEqual({ 'no prices': 1 });
    expect(await weeklySent()).toEqual([]);
  });
});
