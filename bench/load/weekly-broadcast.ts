// Work beside the load: a broadcast (the weekly prices of one hour of the week) to many local
// subscribers, started as the hourly schedule starts it, checked for the pace of every SMS sent meanwhile.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createStore, weeklySlotOf } from '../../core/db/index.js';
import { hourOfWeek, weeklyPricesItem, weeklyPricesJob } from '../../core/prices/index.js';
import type { BesideLoad, RunParts } from './load-run.js';
import type { LoadSettings } from './load-settings.js';

const HOUR_MS = 3_600_000;
/** How long after the load the broadcast may take to reach its last subscriber. */
const FINISH_WAIT_MS = 120_000;

/** Phones (not the load's) whose weekly prices go out in one hour of the week. */
function phonesOfHour(slot: number, count: number): string[] {
  const phones: string[] = [];
  for (let n = 0; phones.length < count; n++) {
    const phone = `+2557699${String(n).padStart(5, '0')}`;
    if (weeklySlotOf(phone) === slot) phones.push(phone);
  }
  return phones;
}

/** The most SMS the provider took in any one second (a window starting at any send). */
export function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/** The broadcast a run's settings ask for beside the load: none when they ask for no subscribers. */
export const broadcastOf = (settings: LoadSettings): BesideLoad[] =>
  settings.broadcast > 0 ? [weeklyBroadcast(settings.broadcast, settings.smsPerSecond)] : [];

/**
 * The weekly prices of the hour after next, to `count` subscribers of maize, started during the load
 * (the server's own hourly start only ever lists the hour it is in); `maxPerSecond` is the server's SMS_MAX_PER_SECOND.
 */
export function weeklyBroadcast(count: number, maxPerSecond: number): BesideLoad {
  const at = new Date(Date.now() + 2 * HOUR_MS);
  const phones = phonesOfHour(hourOfWeek(at), count);
  return {
    name: `weekly prices to ${count} subscribers, at most ${maxPerSecond} SMS a second`,
    prepare: async ({ server }: RunParts) => {
      const store = createStore({ tableName: server.tableName, region: 'us-east-1', endpoint: server.dynamoEndpoint });
      const items = phones.map((phone) =>
        weeklyPricesItem({ phone, commodity: 'maize', hourOfWeek: hourOfWeek(at), createdAt: at.toISOString() }),
      );
      for (let start = 0; start < items.length; start += 25) {
        const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
        await store.doc.send(new BatchWriteCommand({ RequestItems: { [store.tableName]: batch } }));
      }
    },
    run: async ({ server, watch }: RunParts, until: number) => {
      const { sqsEndpoint: queue, fanoutQueueUrl: fanout } = server;
      if (!queue || !fanout) return { report: [], disagreements: ['the banner names no Fanout queue'] };
      const sqs = new SQSClient({ region: 'us-east-1', endpoint: queue, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
      const started = Date.now();
      await sqs.send(new SendMessageCommand({ QueueUrl: fanout, MessageBody: JSON.stringify({ job: weeklyPricesJob(at) }) }));
      sqs.destroy();
      const wanted = new Set(phones);
      const told = () => watch.sent.filter((sms) => wanted.has(sms.to));
      const deadline = until + FINISH_WAIT_MS;
      while (new Set(told().map((sms) => sms.to)).size < count && performance.now() < deadline)
        await new Promise((wait) => setTimeout(wait, 500));
      const broadcast = told();
      const reached = new Set(broadcast.map((sms) => sms.to)).size;
      const seconds = (Math.max(...broadcast.map((sms) => sms.at), started) - started) / 1000;
      const during = watch.sent.filter((sms) => sms.at >= started).map((sms) => sms.at);
      const busiest = busiestSecond(during);
      return {
        report: [
          `${reached} of ${count} subscribers sent their weekly prices, ${broadcast.length - reached} twice; the last ${seconds.toFixed(1)} s after the start`,
          `every SMS sent meanwhile (the broadcast and the orders' notifications): ${during.length}, at most ${busiest} in any one second (configured: ${maxPerSecond})`,
        ],
        disagreements: [
          ...(reached < count ? [`${count - reached} subscribers of the broadcast were sent nothing`] : []),
          ...(broadcast.length > reached ? [`${broadcast.length - reached} subscribers of the broadcast were sent it twice`] : []),
          ...(busiest > maxPerSecond ? [`${busiest} SMS were sent in one second, over the configured ${maxPerSecond}`] : []),
        ],
      };
    },
  };
}
