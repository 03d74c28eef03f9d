import type { Context } from 'aws-lambda';
import { sendWeeklyPrices } from '../core/prices/index.js';
import { logger } from '../core/telemetry/index.js';
import { store } from './function-instance.js';

/** Run every hour: writes the weekly price messages of the phones whose hour of the week it is; the outbox sender sends them. */
export async function handler(_event: unknown, context: Context): Promise<Record<string, number>> {
  logger.addContext(context);
  const tally = await sendWeeklyPrices(store, new Date());
  if (Object.keys(tally).length > 0) logger.info('weekly prices', { tally });
  return tally;
}
