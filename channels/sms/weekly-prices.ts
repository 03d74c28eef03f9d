import { weeklyPricesJob } from '../../core/prices/index.js';
import type { MessageQueues } from './message-queues.js';

/** The hourly start of the weekly price SMS: one job lists the phones whose hour of the week it is (a second start in the hour lists none again). */
export async function startWeeklyPricesJob(queues: MessageQueues, now: Date): Promise<void> {
  await queues.startJobs([weeklyPricesJob(now)]);
}
