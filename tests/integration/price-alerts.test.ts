import { beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingSms } from '../../channels/sms/sms-gateway.js';
import { AlertLimitError, ForbiddenError, NotFoundError } from '../../core/common/errors.js';
import type { Store } from '../../core/db/store.js';
import { setLanguage, setNotifications } from '../../core/members/member-service.js';
import { addPriceAlert, myPriceAlerts, removePriceAlert } from '../../core/prices/price-alert-service.js';
import { reportPrice } from '../../core/prices/price-service.js';
import { ok } from '../support/fixtures.js';
import { deliverNotifications, notificationsTo } from '../support/notifications.js';
import { app, contextFor, createTestStore, phone } from '../support/test-store.js';

let store: Store;
beforeEach(async () => {
  store = await createTestStore();
});

const FARMER = '+255754500001';
const DAY = 86_400_000;
const today = new Date('2026-11-28T09:00:00Z');
const tzs = (amount: number) => ({ amount, currency: 'TZS' });
const farmer = (at = today) => contextFor(store, phone(FARMER), () => at);
let reporters = 0;
/** A report from a phone of its own. */
const report = (amount: number, market = 'Arusha', at = today) =>
  reportPrice(
    contextFor(store, phone(`+25575460${String(++reporters).padStart(4, '0')}`), () => at),
    {
      commodity: 'maize',
      market,
      unit: 'kg',
      price: tzs(amount),
    },
  ).then(ok);
/** Five reports that put a market's median at 94,000 (of 94,000, 94,000, 94,000, 96,000, 96,000). */
const steadyMarket = async (market = 'Arusha', at = today) => {
  for (const amount of [94_000, 94_000, 94_000, 96_000, 96_000]) await report(amount, market, at);
};
/** The phone's alert messages, once the stream's notifications are delivered, by alert number (the reports' clock stands still, so time does not order them). */
const alertsSent = async () =>
  (await notificationsTo(store, FARMER))
    .flatMap((message) => (message.notification.kind === 'PRICE_ALERT' ? [{ ...message, notification: message.notification }] : []))
    .sort((a, b) => a.notification.number - b.notification.number || a.notification.on.localeCompare(b.notification.on));

describe('price alerts', () => {
  it('are added, listed by number and removed by the phone; the numbers of removed ones are given again', async () => {
    const rise = ok(await addPriceAlert(farmer(), { commodity: 'mahindi', market: 'arusha', threshold: tzs(95_000), direction: 'RISE' }));
    expect(rise).toMatchObject({ number: 1, commodity: 'maize', market: 'Arusha', unit: 'kg', phone: FARMER });
    ok(await addPriceAlert(farmer(), { commodity: 'rice', threshold: tzs(200_000), direction: 'FALL' }));
    expect((ok(await myPriceAlerts(farmer())) as { number: number; market: string | null }[]).map((a) => [a.number, a.market])).toEqual([
      [1, 'Arusha'],
      [2, null],
    ]);
    expect(ok(await removePriceAlert(farmer(), { number: 1 })).map((a) => a.number)).toEqual([2]);
    expect(await removePriceAlert(farmer(), { number: 1 })).toBeInstanceOf(NotFoundError);
    expect(ok(await addPriceAlert(farmer(), { commodity: 'beans', threshold: tzs(1), direction: 'RISE' })).number).toBe(1);
    expect(await myPriceAlerts(contextFor(store, app))).toBeInstanceOf(ForbiddenError);
  });

  it('are added once for a repeated idempotency key', async () => {
    const input = { commodity: 'maize', threshold: tzs(95_000), direction: 'RISE' as const, idempotencyKey: 'SM1' };
    const first = ok(await addPriceAlert(farmer(), input));
    expect(ok(await addPriceAlert(farmer(), input)).id).toBe(first.id);
    expect(ok(await myPriceAlerts(farmer()))).toHaveLength(1);
  });

  it('are capped at 5 a phone, however many are asked for at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => addPriceAlert(farmer(), { commodity: 'maize', threshold: tzs(90_000 + i), direction: 'RISE' })),
    );
    expect(results.filter((result) => result instanceof AlertLimitError)).toHaveLength(3);
    expect((ok(await myPriceAlerts(farmer())) as { number: number }[]).map((a) => a.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('send one SMS when the median rises across the threshold, and one when it falls across the other', async () => {
    await steadyMarket();
    ok(await addPriceAlert(farmer(), { commodity: 'maize', market: 'Arusha', threshold: tzs(95_000), direction: 'RISE' }));
    ok(await addPriceAlert(farmer(), { commodity: 'maize', market: 'Arusha', threshold: tzs(94_500), direction: 'FALL' }));
    // 94,000 -> 95,000 (the mean of the middle two of six): the rise crosses 95,000.
    await report(96_000);
    expect((await alertsSent()).map((m) => m.notification)).toMatchObject([
      { kind: 'PRICE_ALERT', number: 1, direction: 'RISE', market: 'Arusha', median: tzs(95_000) },
    ]);
    // 95,000 -> 94,000: the fall crosses 94,500.
    await report(94_000);
    expect((await alertsSent()).map((m) => m.notification)).toMatchObject([
      { number: 1, direction: 'RISE' },
      { number: 2, direction: 'FALL', median: tzs(94_000) },
    ]);
  });

  it('send nothing for a report that moves the median without crossing, or for a market not watched', async () => {
    await steadyMarket();
    await steadyMarket('Moshi');
    ok(await addPriceAlert(farmer(), { commodity: 'maize', market: 'Arusha', threshold: tzs(96_000), direction: 'RISE' }));
    await report(96_000);
    await report(96_000, 'Moshi');
    await report(96_000, 'Moshi');
    expect(await alertsSent()).toEqual([]);
  });

  it("are not set off by their own phone's report", async () => {
    await steadyMarket();
    ok(await addPriceAlert(farmer(), { commodity: 'maize', threshold: tzs(95_000), direction: 'RISE' }));
    ok(await reportPrice(farmer(), { commodity: 'maize', market: 'Arusha', unit: 'kg', price: tzs(96_000) }));
    expect(await alertsSent()).toEqual([]);
  });

  it('send at most one SMS an alert a day, and one again the next day', async () => {
    await steadyMarket();
    ok(await addPriceAlert(farmer(), { commodity: 'maize', threshold: tzs(95_000), direction: 'RISE' }));
    await report(96_000);
    await report(94_000);
    await report(94_000);
    await report(96_000);
    await report(96_000);
    expect(await alertsSent()).toHaveLength(1);
    const tomorrow = new Date(today.getTime() + DAY);
    await report(94_000, 'Arusha', tomorrow);
    await report(94_000, 'Arusha', tomorrow);
    await report(96_000, 'Arusha', tomorrow);
    await report(96_000, 'Arusha', tomorrow);
    expect((await alertsSent()).map((m) => m.notification)).toMatchObject([{ on: '2026-11-28' }, { on: '2026-11-29' }]);
  });

  it('send one SMS a day when reports cross it in many markets at the same moment', async () => {
    const markets = ['Arusha', 'Moshi', 'Mwanga', 'Same', 'Babati', 'Karatu'];
    for (const market of markets) await steadyMarket(market);
    ok(await addPriceAlert(farmer(), { commodity: 'maize', threshold: tzs(95_000), direction: 'RISE' }));
    // Each report alone takes its market's median from 94,000 to 95,000.
    await Promise.all(markets.map((market) => report(96_000, market)));
    expect(await alertsSent()).toHaveLength(1);
  });

  it('are not sent after STOP, and come in the language of the phone', async () => {
    await steadyMarket();
    ok(await addPriceAlert(farmer(), { commodity: 'maize', threshold: tzs(95_000), direction: 'RISE' }));
    ok(await addPriceAlert(farmer(), { commodity: 'maize', threshold: tzs(94_500), direction: 'FALL' }));
    const sent: OutgoingSms[] = [];
    const gateway = {
      send: async (sms: OutgoingSms) => {
        sent.push(sms);
        return { providerId: `SM${sent.length}` };
      },
    };
    ok(await setLanguage(farmer(), 'sw'));
    await report(96_000);
    await deliverNotifications(store, gateway);
    expect((await alertsSent()).map((m) => m.status)).toEqual(['SENT']);
    expect(sent.map((sms) => sms.body)).toEqual([
      'Arifa ya bei 1: maize Arusha imepanda hadi TZS 950/kg (bei ya kati). ONDOA 1 kusitisha.',
    ]);
    ok(await setNotifications(farmer(), false));
    await report(94_000);
    await deliverNotifications(store, gateway);
    expect((await alertsSent()).map((m) => m.status)).toEqual(['SENT', 'SKIPPED']);
    expect(sent).toHaveLength(1);
  });

  it('tell every alert a move crosses, however many: no cap', async () => {
    await steadyMarket();
    const phones = Array.from({ length: 60 }, (_, i) => `+25575480${String(i).padStart(4, '0')}`);
    for (let i = 0; i < phones.length; i += 10) {
      await Promise.all(
        phones.slice(i, i + 10).map(async (number) =>
          ok(
            await addPriceAlert(
              contextFor(store, phone(number), () => today),
              {
                commodity: 'maize',
                threshold: tzs(95_000),
                direction: 'RISE',
              },
            ),
          ),
        ),
      );
    }
    await report(96_000);
    const sent = await deliverNotifications(store);
    expect(
      sent
        .filter((sms) => sms.notification.kind === 'PRICE_ALERT')
        .map((sms) => sms.to)
        .sort(),
    ).toEqual(phones);
    // Each once: a second delivery (a redelivered page, a retried job) sends none again.
    await report(96_000);
    expect(await deliverNotifications(store)).toEqual([]);
  });
});
