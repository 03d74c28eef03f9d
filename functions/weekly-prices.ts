import type { Context } from 'aws-lambda';
import { runWeeklyPrices } from '../channels/sms/weekly-prices.js';
import { asService, logger } from '../core/telemetry/index.js';
import { store } from './function-instance.js';

/** Run every hour: writes the weekly price messages of the phones whose hour of the week it is. */
async function writeWeeklyPrices(_event: unknown, context: Context): Promise<Record<string, number>> {
  logger.addContext(context);
  return runWeeklyPrices(store, new Date());
}
export const handler = /* @__PURE__ */ asService('weekly-prices', writeWeeklyPrices);
