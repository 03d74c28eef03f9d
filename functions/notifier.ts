import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { pagesOf } from '../channels/sms/message-queues.js';
import { effectsOfChange, partnerLookup } from '../channels/sms/notices-of-change.js';
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
export const handler = /* @__PURE__ */ asService('notifier', notifyFromStream);
