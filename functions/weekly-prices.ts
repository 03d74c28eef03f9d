import type { Context } from 'aws-lambda';
import { startWeeklyPricesJob } from '../channels/sms/weekly-prices.js';
import { asService, logger } from '../core/telemetry/index.js';
import { queues } from './queue-instance.js';

/** Run every hour: starts the job that lists the phones whose weekly prices go out this hour. */
async function startWeeklyPrices(_event: unknown, context: Context): Promise<void> {
  logger.addContext(context);
  await startWeeklyPricesJob(queues, new Date());
}
export const handler = /* @__PURE__ */ asService('weekly-prices', startWeeklyPrices);
