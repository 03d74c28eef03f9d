import type { Store } from '../../core/db/index.js';
import { sendWeeklyPrices } from '../../core/prices/index.js';
import { logger } from '../../core/telemetry/index.js';

/**
 * The hourly run of the weekly price SMS: the messages of the phones whose hour of the week it is go
 * to the outbox, whose sender sends them. Returns what became of each phone's message.
 */
export async function runWeeklyPrices(store: Store, now: Date): Promise<Record<string, number>> {
  const tally = await sendWeeklyPrices(store, now);
  if (Object.keys(tally).length > 0) logger.info('weekly prices', { tally });
  return tally;
}
