import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { pagesOf } from '../channels/sms/message-queues.js';
import { effectsOfChange, partnerLookup } from '../channels/sms/notices-of-change.js';
import { sqsWebhookQueue } from '../channels/webhooks/webhook-queue.js';
import { webhooksOfChange } from '../channels/webhooks/webhooks-of-change.js';
import { readFunctionConfig, readWebhookConfig } from '../core/config/index.js';
import { asService, logger } from '../core/telemetry/index.js';
import { settings, store } from './function-instance.js';
import { queues } from './queue-instance.js';

const webhooks = sqsWebhookQueue(readWebhookConfig(settings), readFunctionConfig(settings).region);

/**
 * Triggered by the table's stream for the changes that tell people something (orders, pickup codes,
 * market figures): works out what each sets off and puts it on the queues, the notifications of the
 * batch as one page to send, the price moves' alerts as jobs, and the apps' webhooks one message
 * each. A batch that could not be queued fails whole and the stream delivers it again (a page queued
 * twice sends nothing twice, a webhook queued twice is the same delivery); one that keeps failing
 * goes to the Failures queue, from which `npm run replay-failures` queues it again.
 */
async function notifyFromStream(event: DynamoDBStreamEvent, context: Context): Promise<void> {
  logger.addContext(context);
  const partnerOf = partnerLookup(store);
  const effects = await Promise.all(event.Records.map((record) => effectsOfChange(record, partnerOf)));
  const notices = effects.flatMap((effect) => effect.notices);
  const jobs = effects.flatMap((effect) => effect.jobs);
  // In the stream's order: the events of one order go on the queue oldest first.
  const deliveries = (await Promise.all(event.Records.map((record) => webhooksOfChange(record, store, partnerOf)))).flat();
  await queues.sendPages(pagesOf(notices));
  if (jobs.length > 0) await queues.startJobs(jobs);
  if (deliveries.length > 0) await webhooks.queueWebhooks(deliveries);
}
export const handler = /* @__PURE__ */ asService('notifier', notifyFromStream);
