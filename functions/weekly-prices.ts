import type { Context } from 'aws-lambda';
import { runWeeklyPrices } from '../channels/sms/weekly-prices.js';
import { logger } from '../core/telemetry/index.js';
import { store } from './function-instance.js';

/** Run every hour: writes the weekly price messages of the phones whose hour of the week it is. */
export async function handler(_event: unknown, context: Context): Promise<Record<string, number>> {
  logger.addContext(context);
  return runWeeklyPrices(store, new Date());
}
