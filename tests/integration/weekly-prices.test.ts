import { beforeEach, describe, expect, it } from 'vitest';
import { notificationText } from '../../channels/sms/notification-text.js';
import { startWeeklyPricesJob } from '../../channels/sms/weekly-prices.js';
import { ForbiddenError } from '../../core/common/errors.js';
import { weeklySlotOf } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { reportPrice } from '../../core/prices/price-service.js';
import { startWeeklyPrices, stopWeeklyPrices } from '../../core/prices/weekly-prices-service.js';
import { ok } from '../support/fixtures.js';
import { heldQueues, notificationsTo, sendPages } from '../support/notifications.js';
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
const weeklySent = async () => (await notificationsTo(store, FARMER)).filter((m) => m.notification.kind === 'WEEKLY_PRICES');
/** The hourly start at `now`: its job lists the phones of the hour onto pages, and the sender sends them. The phones sent to. */
async function hourlyRun(now: Date): Promise<string[]> {
  const queues = heldQueues(store);
  await startWeeklyPricesJob(queues, now);
  expect(queues.jobs.map((job) => job.outcome)).toEqual(['done']);
  return (await sendPages(store, queues.pages)).map((sms) => sms.to);
}

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

    expect(await hourlyRun(new Date(at.getTime() - HOUR))).toEqual([]);
    expect(await hourlyRun(at)).toEqual([FARMER]);
    // A second start in the hour lists nobody again, and sends nothing twice.
    expect(await hourlyRun(new Date(at.getTime() + 10 * 60_000))).toEqual([]);
    expect(await weeklySent()).toHaveLength(1);
    const [message] = await weeklySent();
    const week = new Date(monday).toISOString().slice(0, 10);
    const markets = [
      { market: 'Arusha', unit: 'kg', median: { amount: 84_000, currency: 'TZS' }, changePercent: 10 },
      { market: 'Moshi', unit: 'kg', median: { amount: 90_000, currency: 'TZS' }, changePercent: null },
    ];
    // The text has the figures; the record keeps the text, not the figures it was made from.
    expect(message!.body).toBe(notificationText({ kind: 'WEEKLY_PRICES', commodity: 'maize', week, markets }, 'en', ''));
    expect(message!.notification).toEqual({ kind: 'WEEKLY_PRICES', commodity: 'maize', week, markets: [] });

    expect(await hourlyRun(farmersHour(1))).toEqual([FARMER]);
    expect(await weeklySent()).toHaveLength(2);
  });

  it('stop when the phone says so, and go to phones alone', async () => {
    const at = farmersHour();
    await report('Arusha', 80_000, at);
    const farmer = contextFor(store, phone(FARMER), () => at);
    ok(await startWeeklyPrices(farmer, { commodity: 'maize' }));
    expect(ok(await stopWeeklyPrices(farmer))).toBe(true);
    expect(ok(await stopWeeklyPrices(farmer))).toBe(false);
    expect(await hourlyRun(at)).toEqual([]);
    expect(await weeklySent()).toEqual([]);
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
    const queues = heldQueues(store);
    await startWeeklyPricesJob(queues, at);
    // The phone is listed, and has no message.
    expect(queues.jobs).toEqual([{ pages: 1, notices: 0, outcome: 'done' }]);
    expect(await sendPages(store, queues.pages)).toEqual([]);
    expect(await weeklySent()).toEqual([]);
  });
});
