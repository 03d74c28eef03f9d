import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { PAGE_SIZE } from '../channels/sms/message-queues.js';
import { effectsOfChange, partnerLookup } from '../channels/sms/notices-of-change.js';
import type { PendingNotification } from '../core/outbox/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { store } from './function-instance.js';
import { queues } from './queue-instance.js';

/**
 * Triggered by the table's stream for the changes that tell people something (orders, pickup codes,
 * market figures): works out what each sets off and puts it on the queues, the notifications of the
 * batch as one page to send and the price moves' alerts as jobs. A batch that could not be queued
 * fails whole and the stream delivers it again (a page queued twice sends nothing twice); one that
 * keeps failing goes to the Failures queue, from which `npm run replay-failures` queues it again.
 */
async function notifyFromStream(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  logger.addContext(context);
  const partnerOf = partnerLookup(store);
  const effects = await Promise.all(event.Records.map((record) => effectsOfChange(record, partnerOf)));
  const notices = effects.flatMap((effect) => effect.notices);
  const jobs = effects.flatMap((effect) => effect.jobs);
  await queues.sendPages(pagesOf(notices));
  if (jobs.length > 0) await queues.startJobs(jobs);
}
/** Notifications in pages of at most PAGE_SIZE, as the fan-out jobs put theirs. */
const pagesOf = (notices: PendingNotification[]) =>
  Array.from({ length: Math.ceil(notices.length / PAGE_SIZE) }, (_, i) => ({ notices: notices.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE) }));

export const handler = /* @__PURE__ */ asService('notifier', notifyFromStream);
