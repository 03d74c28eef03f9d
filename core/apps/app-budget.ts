import { randomInt } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { expiresAt, isConditionFailure, keys, type Store } from '../db/index.js';
import type { App } from './app.js';

/** Requests a minute one share counts at most: even if all came in one second, a key takes 1,000 writes a second. */
const WRITES_PER_SHARE = 1000;
/** How long a minute's count is kept: past its minute and the next, nothing reads it. */
export const BUDGET_TTL_SECONDS = 120;

/**
 * An app's requests are counted per minute in shares, each its own item: a busy app's count is no hot
 * key. Each request counts in one share chosen at random, and is refused when that share is spent, so
 * an app with several shares may be refused a little before its whole budget (never after it).
 */
export function budgetShares(app: Pick<App, 'requestsPerMinute'>): { shares: number; perShare: number } {
  const shares = Math.max(1, Math.ceil(app.requestsPerMinute / WRITES_PER_SHARE));
  return { shares, perShare: Math.ceil(app.requestsPerMinute / shares) };
}

/** Counts a request against its app's budget for the minute: 'spent' with the seconds until the next minute when it is. */
export async function spendAppRequest(store: Store, app: App, now: Date): Promise<'counted' | { retryAfterSeconds: number }> {
  const minute = Math.floor(now.getTime() / 60_000);
  const { shares, perShare } = budgetShares(app);
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.appBudget(app.clientId, minute, randomInt(shares)),
        UpdateExpression: 'ADD requests :one SET expiresAt = if_not_exists(expiresAt, :expires)',
        ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': perShare, ':expires': expiresAt(now, BUDGET_TTL_SECONDS) },
      }),
    );
    return 'counted';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { retryAfterSeconds: Math.max(1, Math.ceil(((minute + 1) * 60_000 - now.getTime()) / 1000)) };
  }
}
