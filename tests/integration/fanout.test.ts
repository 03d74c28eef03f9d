import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFanoutJob } from '../../channels/sms/fanout-runner.js';
import type { MessageQueues, OutgoingPage } from '../../channels/sms/message-queues.js';
import { sendNotifications } from '../../channels/sms/notification-sender.js';
import type { SmsGateway } from '../../channels/sms/sms-gateway.js';
import { weeklySlotOf } from '../../core/db/keys.js';
import type { Store } from '../../core/db/store.js';
import { weeklyPricesJob } from '../../core/prices/price-fanout.js';
import { weeklyPricesItem } from '../../core/prices/price-items.js';
import { reportPrice } from '../../core/prices/price-service.js';
import { ok } from '../support/fixtures.js';
import { contextFor, createTestStore, phone } from '../support/test-store.js';

const HOUR = 3_600_000;
/** Monday 2026-11-23, 00:00 UTC: hour 0 of its week. */
const MONDAY = Date.UTC(2026, 10, 23);
const SLOT = 30;
const SUBSCRIBERS = 250;
/** Phones whose weekly prices go out in one hour of the week. */
const phones: string[] = [];
for (let n = 0; phones.length < SUBSCRIBERS; n++) {
  const candidate = `+2557${String(n).padStart(8, '0')}`;
  if (weeklySlotOf(candidate) === SLOT) phones.push(candidate);
}
const at = new Date(MONDAY + SLOT * HOUR + 60_000);

let store: Store;
beforeAll(async () => {
  store = await createTestStore();
  ok(
    await reportPrice(
      contextFor(store, phone('+255754690001'), () => at),
      { commodity: 'maize', market: 'Arusha', unit: 'kg', price: { amount: 800, currency: 'TZS' } },
    ),
  );
  for (const subscriber of phones) {
    const item = weeklyPricesItem({ phone: subscriber, commodity: 'maize', hourOfWeek: SLOT, createdAt: at.toISOString() });
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: item }));
  }
});

/** Queues that keep the pages, and crash once, after the page given has gone on the queue. */
function crashingQueues(crashAfterPage: number | null): MessageQueues & { pages: OutgoingPage[] } {
  const queues = {
    pages: [] as OutgoingPage[],
    sendPages: async (pages: OutgoingPage[]) => {
      queues.pages.push(...pages);
      if (queues.pages.length === crashAfterPage) throw new Error('the function was stopped');
    },
    startJobs: async () => {},
  };
  return queues;
}

describe('a fan-out job', () => {
  it('lists every phone of the hour in pages; retried after a crash it resumes, and each phone gets one message', async () => {
    const job = weeklyPricesJob(at);
    const crashed = crashingQueues(2);
    await expect(runFanoutJob({ store, queues: crashed, pageSize: 100 }, job)).rejects.toThrow('stopped');
    // The retry resumes after the last page whose progress was saved: the second page is listed again, the first is not.
    const retried = crashingQueues(null);
    expect(await runFanoutJob({ store, queues: retried, pageSize: 100 }, job)).toEqual({ pages: 2, notices: 150, outcome: 'done' });
    const listed = [...crashed.pages, ...retried.pages].flatMap((page) => page.notices.map((notice) => notice.to));
    expect(listed).toHaveLength(SUBSCRIBERS + 100);
    expect(new Set(listed).size).toBe(SUBSCRIBERS);

    // The senders work through every page queued, the repeated one too: each phone is sent one SMS.
    const sent: string[] = [];
    const gateway: SmsGateway = {
      send: async ({ to }) => {
        sent.push(to);
        return { providerId: `SM${sent.length}` };
      },
    };
    for (const page of [...crashed.pages, ...retried.pages]) await sendNotifications({ store, gateway }, page.notices);
    expect(sent.sort()).toEqual([...phones].sort());

    // Started again in the same hour, the job lists nobody.
    expect(await runFanoutJob({ store, queues: crashingQueues(null) }, job)).toEqual({ pages: 0, notices: 0, outcome: 'done' });
  });

  it('hands a long job on to its next run, which goes on where it stopped', async () => {
    const job = { ...weeklyPricesJob(at), week: '2026-11-30' };
    const queues = crashingQueues(null);
    expect(await runFanoutJob({ store, queues, pageSize: 50, pagesPerRun: 2 }, job)).toEqual({ pages: 2, notices: 100, outcome: 'more' });
    // 150 phones left: three full pages, and the empty one that tells the list has ended after a full page.
    expect(await runFanoutJob({ store, queues, pageSize: 50, pagesPerRun: 10 }, job)).toEqual({ pages: 4, notices: 150, outcome: 'done' });
    expect(new Set(queues.pages.flatMap((page) => page.notices.map((notice) => notice.to))).size).toBe(SUBSCRIBERS);
  });
});
