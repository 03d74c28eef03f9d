import type { Store } from '../../core/db/index.js';
import { getJobProgress, saveJobProgress } from '../../core/outbox/index.js';
import { type FanoutJob, fanoutJobId, readJobPage, type WeeklyMessages } from '../../core/prices/index.js';
import { type MessageQueues, PAGE_SIZE } from './message-queues.js';

export interface FanoutDeps {
  store: Store;
  queues: MessageQueues;
  /** Phones listed a page, and a message of the Outgoing queue: well under SQS's 256 KB a message. */
  pageSize?: number;
  /** Pages listed by one run: a longer job puts itself back on its queue and goes on in the next run. */
  pagesPerRun?: number;
  now?: () => Date;
}

/** Pages one run lists before it hands the job on: a few minutes' work, well within the function's timeout. */
export const PAGES_PER_RUN = 200;

export type FanoutOutcome = { pages: number; notices: number; outcome: 'done' | 'more' | 'taken' };

/**
 * Lists a job's phones page by page onto the Outgoing queue, from where it stopped: each page goes to
 * the queue, then the job's progress is saved. A job retried after a crash lists again at most the page
 * it was on, whose notifications are each recorded once when sent, so nobody gets one twice. 'taken':
 * another run of the same job saved progress first and goes on with it.
 */
export async function runFanoutJob(deps: FanoutDeps, job: FanoutJob): Promise<FanoutOutcome> {
  const id = fanoutJobId(job);
  const now = deps.now ?? (() => new Date());
  let progress = await getJobProgress(deps.store, id);
  const result: FanoutOutcome = { pages: 0, notices: 0, outcome: 'done' };
  const messages: WeeklyMessages = new Map();
  while (!progress.done) {
    if (result.pages === (deps.pagesPerRun ?? PAGES_PER_RUN)) return { ...result, outcome: 'more' };
    const page = await readJobPage(deps.store, job, progress.position, deps.pageSize ?? PAGE_SIZE, messages);
    if (page.notices.length > 0) await deps.queues.sendPages([{ notices: page.notices }]);
    if (!(await saveJobProgress(deps.store, id, progress, page.next, now()))) return { ...result, outcome: 'taken' };
    progress = { pages: progress.pages + 1, position: page.next, done: page.next === null };
    result.pages++;
    result.notices += page.notices.length;
  }
  return result;
}
