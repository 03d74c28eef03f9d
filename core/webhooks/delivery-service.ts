import { type RequestContext, requireAdmin } from '../access/index.js';
import { type App, getApp, markWebhookGone, signingSecrets } from '../apps/index.js';
import { BusinessError, checkPageRequest, InvalidInputError, NotFoundError, notACursor } from '../common/index.js';
import type { Page, PageOptions, Store } from '../db/index.js';
import { countMetric, logger, METRICS } from '../telemetry/index.js';
import { getDelivery, listDeliveries, putNewDelivery, recordAttempt, startRound } from './delivery-repository.js';
import { RETRY_DELAYS_SECONDS, retryAfterSeconds, retryDelaySeconds } from './retry-schedule.js';
import type { DeliveryAttempt, WebhookDelivery, WebhookMessage } from './webhook-delivery.js';
import type { PostResult, WebhookPost } from './webhook-post.js';
import { signatureHeader } from './webhook-signature.js';

/** SQS delays a message at most this long: a longer wait is made of several. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/** Puts a message back on the Webhooks queue, to be received after the delay. */
export type Requeue = (message: WebhookMessage, delaySeconds: number) => Promise<void>;

export interface SenderDeps {
  store: Store;
  post: WebhookPost;
  requeue: Requeue;
  now: () => Date;
  /** The waits between attempts (RETRY_DELAYS_SECONDS; shorter in tests). */
  schedule?: readonly number[];
}

/** An attempt's result: the POST's, or no POST at all when the app takes no webhooks now (disabled, webhook removed or gone). */
type AttemptResult = PostResult | { kind: 'error'; error: 'disabled' };

/** What the sender did with a message. */
export type DeliveryStep = 'waiting' | 'skipped' | 'delivered' | 'retrying' | 'failed';

/** The delivery a message is an attempt of: recorded on its first receive, and read again by every later one. */
async function deliveryOf(store: Store, message: WebhookMessage, now: Date): Promise<WebhookDelivery | null> {
  const found = await getDelivery(store, message.id);
  if (found) return found;
  const { attempt, notBefore, ...event } = message;
  const at = now.toISOString();
  const fresh: WebhookDelivery = { ...event, status: 'PENDING', attempts: [], nextAttemptAt: at, createdAt: at, updatedAt: at };
  return (await putNewDelivery(store, fresh)) ? fresh : getDelivery(store, message.id);
}

/** Whether the message is the delivery's next attempt: a repeat of the event, or of an attempt already recorded, is not. */
function isNextAttempt(delivery: WebhookDelivery, message: WebhookMessage): boolean {
  const made = delivery.attempts.filter((attempt) => attempt.round === message.round).length;
  return delivery.status === 'PENDING' && delivery.round === message.round && made === message.attempt;
}

/** What an attempt's result makes of the delivery, and the wait before the next attempt when there is one. */
function judge(
  result: AttemptResult,
  attempt: number,
  schedule: readonly number[],
  now: Date,
): { outcome: DeliveryAttempt['outcome']; retryIn: number | null } {
  if (result.kind === 'response' && result.status >= 200 && result.status < 300) return { outcome: 'DELIVERED', retryIn: null };
  const retryable =
    (result.kind === 'error' && (result.error === 'timeout' || result.error === 'network')) ||
    (result.kind === 'response' && (result.status >= 500 || result.status === 429));
  if (!retryable) return { outcome: 'FAILED', retryIn: null };
  const retryAfter = result.kind === 'response' ? retryAfterSeconds(result.retryAfter, now) : null;
  const retryIn = retryDelaySeconds(schedule, attempt + 1, retryAfter);
  return retryIn === null ? { outcome: 'FAILED', retryIn: null } : { outcome: 'PENDING', retryIn };
}

/** The endpoint to send to with the secrets to sign with, or null when the app no longer takes webhooks. */
function endpointOf(app: App | null, now: Date): { url: string; secrets: string[] } | null {
  if (app?.status !== 'ACTIVE' || !app.webhook || app.webhookDisabledAt) return null;
  const secrets = signingSecrets(app, now);
  return secrets.length > 0 ? { url: app.webhook.url, secrets } : null;
}

/**
 * One attempt of a webhook from the Webhooks queue. A message not due yet goes back with the queue's
 * longest delay; a repeat is dropped; otherwise it is signed and POSTed. A 2xx delivers it; a timeout,
 * a network error, a 5xx or a 429 puts it back for the next attempt of the schedule (its Retry-After
 * honoured), until the schedule is spent; a 410 turns the app's endpoint off; any other answer fails
 * it. Each attempt is recorded on the delivery. The retry is queued before the attempt is recorded:
 * a crash in between sends again (at least once) but never loses the event.
 */
export async function deliverWebhook(deps: SenderDeps, message: WebhookMessage): Promise<DeliveryStep> {
  const now = deps.now();
  const wait = message.notBefore ? Math.ceil((Date.parse(message.notBefore) - now.getTime()) / 1000) : 0;
  if (wait > 0) {
    await deps.requeue(message, Math.min(wait, MAX_QUEUE_DELAY_SECONDS));
    return 'waiting';
  }
  const delivery = await deliveryOf(deps.store, message, now);
  if (!delivery || !isNextAttempt(delivery, message)) return 'skipped';
  const endpoint = endpointOf(await getApp(deps.store, message.clientId), now);
  const started = Date.now();
  const timestamp = Math.floor(now.getTime() / 1000);
  const result: AttemptResult = endpoint
    ? await deps.post(
        endpoint.url,
        {
          'content-type': 'application/json',
          'webhook-id': message.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(endpoint.secrets, message.id, timestamp, message.body),
        },
        message.body,
      )
    : { kind: 'error', error: 'disabled' };
  const { outcome, retryIn } = judge(result, message.attempt, deps.schedule ?? RETRY_DELAYS_SECONDS, now);
  const nextAt = retryIn === null ? null : new Date(now.getTime() + retryIn * 1000).toISOString();
  if (retryIn !== null) {
    await deps.requeue({ ...message, attempt: message.attempt + 1, notBefore: nextAt }, Math.min(retryIn, MAX_QUEUE_DELAY_SECONDS));
  }
  if (endpoint && result.kind === 'response' && result.status === 410) {
    await markWebhookGone(deps.store, message.clientId, endpoint.url, now.toISOString());
    logger.warn('webhook endpoint gone: turned off', { clientId: message.clientId });
  }
  const attempt: DeliveryAttempt = {
    round: message.round,
    at: now.toISOString(),
    durationMs: Date.now() - started,
    responseCode: result.kind === 'response' ? result.status : null,
    error: result.kind === 'error' ? result.error : null,
    outcome,
  };
  await recordAttempt(deps.store, delivery, attempt, nextAt);
  return tally(outcome, message);
}

function tally(outcome: DeliveryAttempt['outcome'], message: WebhookMessage): DeliveryStep {
  if (outcome === 'PENDING') return 'retrying';
  countMetric(outcome === 'DELIVERED' ? METRICS.webhooksDelivered : METRICS.webhooksFailed);
  if (outcome === 'FAILED')
    logger.warn('webhook failed', { clientId: message.clientId, webhookId: message.id, attempts: message.attempt + 1 });
  return outcome === 'DELIVERED' ? 'delivered' : 'failed';
}

/** An administrator lists an app's webhook deliveries, newest first, with their attempts. */
export async function webhookDeliveries(
  ctx: RequestContext,
  clientId: string,
  page: Pick<PageOptions, 'first' | 'after'>,
): Promise<Page<WebhookDelivery> | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const checked = checkPageRequest(page);
  if (checked instanceof BusinessError) return checked;
  return (await listDeliveries(ctx.store, clientId, checked)) ?? notACursor();
}

/**
 * An administrator sends a delivery again, as it was (same webhook-id, same payload), in a new round
 * with a fresh schedule: the table's stream puts the round's first attempt on the queue (redeliveryOf),
 * and the messages of an earlier round, if any still wait, are dropped.
 */
export async function redeliverWebhook(ctx: RequestContext, deliveryId: string): Promise<WebhookDelivery | BusinessError> {
  const forbidden = requireAdmin(ctx.principal);
  if (forbidden) return forbidden;
  const delivery = await getDelivery(ctx.store, deliveryId);
  if (!delivery) return new NotFoundError('webhook delivery', deliveryId);
  return (
    (await startRound(ctx.store, delivery, ctx.now().toISOString())) ??
    new InvalidInputError('deliveryId', 'changed meanwhile; redeliver again')
  );
}

/** The first attempt of a delivery's new round, from its change in the table's stream; null for any other change. */
export function redeliveryOf(before: WebhookDelivery | null, after: WebhookDelivery): WebhookMessage | null {
  if (!before || before.round === after.round) return null;
  const { id, clientId, orderCode, sequence, event, body, round } = after;
  return { id, clientId, orderCode, sequence, event, body, round, attempt: 0, notBefore: null };
}
