import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAt, getItem, isConditionFailure, keys, type ListPosition, type Store } from '../db/index.js';

/** How far a fan-out job has listed its phones: the pages put on the queue, and where the next starts (done: none left). */
export interface JobProgress {
  pages: number;
  position: ListPosition;
  done: boolean;
}

/** A job's progress is kept a week: longer than any retry of it, shorter than the week its id may come back in. */
const JOB_TTL_SECONDS = 7 * 24 * 60 * 60;

// Access pattern: get a fan-out job's progress by its id (none before its first page).
export async function getJobProgress(store: Store, id: string): Promise<JobProgress> {
  const item = await getItem<{ pages: number; position?: string; done: boolean }>(store, keys.fanoutJob(id), { consistent: true });
  if (!item) return { pages: 0, position: null, done: false };
  return { pages: item.pages, position: item.position ? JSON.parse(item.position) : null, done: item.done };
}

// Access pattern: a job listed one more page, on condition that nobody else did meanwhile; false when somebody did.
export async function saveJobProgress(store: Store, id: string, seen: JobProgress, next: ListPosition, now: Date): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.fanoutJob(id),
        UpdateExpression: 'SET #type = :type, pages = :pages, done = :done, #position = :position, expiresAt = :expires',
        ConditionExpression: seen.pages === 0 ? 'attribute_not_exists(pk)' : 'pages = :seen',
        ExpressionAttributeNames: { '#type': 'type', '#position': 'position' },
        ExpressionAttributeValues: {
          ':type': 'FanoutJob',
          ':pages': seen.pages + 1,
          ':done': next === null,
          ':position': next === null ? '' : JSON.stringify(next),
          ':expires': expiresAt(now, JOB_TTL_SECONDS),
          ...(seen.pages === 0 ? {} : { ':seen': seen.pages }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
