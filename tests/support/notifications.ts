import { inject } from 'vitest';
import { type FanoutOutcome, runFanoutJob } from '../../channels/sms/fanout-runner.js';
import type { MessageQueues } from '../../channels/sms/message-queues.js';
import { effectsOfChange, partnerLookup } from '../../channels/sms/notices-of-change.js';
import { sendNotifications } from '../../channels/sms/notification-sender.js';
import type { SmsGateway } from '../../channels/sms/sms-gateway.js';
import type { Store } from '../../core/db/store.js';
import type { Notification, OutboxMessage, PendingNotification } from '../../core/outbox/outbox-message.js';
import { listOutbox } from '../../core/outbox/outbox-repository.js';
import { openStreamReader, type StreamReader } from '../../local/stream-reader.js';

export interface SentSms {
  to: string;
  body: string;
  notification: Notification;
}

const readers = new Map<string, Promise<StreamReader>>();
/** Every SMS sent for a table, oldest first. */
const sentByTable = new Map<string, SentSms[]>();

/** Queues that hold what is put on them, for a test to run through. */
export function heldQueues(store: Store): MessageQueues & { pages: PendingNotification[][]; jobs: FanoutOutcome[] } {
  const held = {
    pages: [] as PendingNotification[][],
    jobs: [] as FanoutOutcome[],
    sendPages: async (pages: { notices: PendingNotification[] }[]) => {
      held.pages.push(...pages.map((page) => page.notices));
    },
    // A job is listed at once, onto the same held pages.
    startJobs: async (jobs: Parameters<MessageQueues['startJobs']>[0]) => {
      for (const job of jobs) held.jobs.push(await runFanoutJob({ store, queues: held }, job));
    },
  };
  return held;
}

/**
 * Does what the notifier, the fan-out and the SMS sender do in the cloud, for the table's changes
 * since the last call: the stream's new records worked out into notifications, sent through a
 * recording gateway (or the one given) and recorded. Returns the SMS sent by this call.
 */
export async function deliverNotifications(store: Store, gateway?: SmsGateway): Promise<SentSms[]> {
  if (!readers.has(store.tableName)) readers.set(store.tableName, openStreamReader(store, inject('dynamoEndpoint'), 'us-east-1'));
  const reader = await readers.get(store.tableName)!;
  const queues = heldQueues(store);
  const partnerOf = partnerLookup(store);
  for (let batches = await reader.read(); batches.length > 0; batches = await reader.read()) {
    for (const { records } of batches) {
      for (const record of records) {
        const { notices, jobs } = await effectsOfChange(record, partnerOf);
        if (notices.length > 0) await queues.sendPages([{ notices }]);
        await queues.startJobs(jobs);
      }
    }
  }
  return sendPages(store, queues.pages, gateway);
}

/** Sends pages of notifications as the SMS sender does, through a recording gateway (or the one given). Returns the SMS sent. */
export async function sendPages(store: Store, pages: PendingNotification[][], gateway?: SmsGateway): Promise<SentSms[]> {
  const sent: SentSms[] = [];
  // The status callback's URL names the notification each SMS is.
  const notificationOf = new Map(pages.flat().map((notice) => [notice.id, notice.notification]));
  const recording: SmsGateway = {
    async send({ to, body, statusCallback }) {
      const id = new URL(statusCallback!).searchParams.get('outbox')!;
      sent.push({ to, body, notification: notificationOf.get(id)! });
      return { providerId: `SM${sent.length}` };
    },
  };
  for (const page of pages) await sendNotifications({ store, gateway: gateway ?? recording, statusCallbackBase: 'http://test' }, page);
  sentByTable.set(store.tableName, [...(sentByTable.get(store.tableName) ?? []), ...sent]);
  return sent;
}

/** The newest pickup code the buyer was sent for an order (delivering what is waiting first). */
export async function pickupCodeOf(store: Store, orderCode: string): Promise<string> {
  await deliverNotifications(store);
  const sms = (sentByTable.get(store.tableName) ?? []).findLast(
    ({ notification }) => notification.kind === 'PICKUP_CODE' && notification.orderCode === orderCode,
  );
  if (!sms) throw new Error(`no pickup code was sent for order ${orderCode}`);
  // An order code may be six digits too: the pickup code is the six-digit number that is not it.
  return sms.body.match(/\b\d{6}\b/g)!.find((number) => number !== orderCode)!;
}

/** The records of what a phone was sent, newest first, once what the table's stream holds is delivered. */
export async function notificationsTo(store: Store, phone: string): Promise<OutboxMessage[]> {
  await deliverNotifications(store);
  return (await listOutbox(store, phone, { first: 100, after: null }))!.items;
}
