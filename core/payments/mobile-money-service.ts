import type { RequestContext } from '../access/index.js';
import { BusinessError, IllegalTransitionError, InvalidInputError, minorDigits } from '../common/index.js';
import type { MpesaConfig } from '../config/index.js';
import type { Store } from '../db/index.js';
import { cancelUnpaidOrder, findOrder, getOrder, type Order } from '../orders/index.js';
import { logger } from '../telemetry/index.js';
import {
  forgetOpenMobileMoney,
  getMpesaRequest,
  listOpenMobileMoney,
  type MpesaRequest,
  writeMpesaNotPaid,
  writeMpesaPaid,
  writeMpesaRequested,
} from './mobile-money-repository.js';
import { MpesaError, stkPush, stkQuery } from './mpesa-client.js';

/** Starts an M-Pesa STK push for an order: the payer approves it on their phone, the callback settles it. */
export async function requestMobileMoneyPayment(ctx: RequestContext, orderCode: string): Promise<Order | BusinessError> {
  const mpesa = ctx.mpesa ?? null;
  const found = await findOrder(ctx, orderCode);
  if (found instanceof BusinessError) return found;
  const order = found;
  if (!mpesa) return new InvalidInputError('orderCode', 'mobile money is not set up here');
  if (order.paymentMethod !== 'MOBILE_MONEY') return new InvalidInputError('orderCode', 'this order is paid in cash');
  if (order.paymentStatus === 'PENDING') return order;
  if (order.paymentStatus !== 'UNPAID') return new IllegalTransitionError('PAYMENT', order.paymentStatus, 'PENDING');
  if (order.status === 'CANCELLED' || order.status === 'DELIVERED') return new IllegalTransitionError('ORDER', order.status, order.status);
  if (order.total.currency !== mpesa.currency) return new InvalidInputError('orderCode', `mobile money takes ${mpesa.currency} only`);
  const unit = 10 ** minorDigits(order.total.currency);
  if (order.total.amount % unit !== 0) return new InvalidInputError('orderCode', 'mobile money takes whole units only');
  const amount = order.total.amount / unit;
  const now = ctx.now();
  let accepted: Awaited<ReturnType<typeof stkPush>>;
  try {
    accepted = await stkPush(mpesa, { phone: order.buyerPhone, amount, reference: order.code, description: `Order ${order.code}` }, now);
  } catch (error) {
    // M-Pesa down or refusing: an answer for the caller (the order stands, unpaid), not a fault on top of a placed order.
    if (!(error instanceof MpesaError)) throw error;
    logger.warn('M-Pesa request failed', { orderCode: order.code, error: error.message });
    return new InvalidInputError('orderCode', 'mobile money is unavailable just now; try again later');
  }
  const request: MpesaRequest = {
    checkoutRequestId: accepted.checkoutRequestId,
    orderCode: order.code,
    amount,
    status: 'PENDING',
    requestedAt: now.toISOString(),
  };
  if ((await writeMpesaRequested(ctx.store, order, request)) === 'stale') return (await getOrder(ctx.store, order.code))!;
  return { ...order, paymentStatus: 'PENDING', mpesaCheckoutId: request.checkoutRequestId };
}

/** What Daraja posts to the callback URL, as far as we read it. */
interface StkCallback {
  CheckoutRequestID: string;
  ResultCode: number;
  ResultDesc?: string;
  CallbackMetadata?: { Item?: { Name: string; Value?: string | number }[] };
}

/** Reads a callback body; null when it is not one. */
export function parseStkCallback(body: unknown): StkCallback | null {
  const callback = (body as { Body?: { stkCallback?: StkCallback } })?.Body?.stkCallback;
  if (!callback || typeof callback.CheckoutRequestID !== 'string' || typeof callback.ResultCode !== 'number') return null;
  return callback;
}

type CallbackOutcome = 'paid' | 'not-paid' | 'amount-mismatch' | 'ignored' | 'unknown-request';

/**
 * Settles an STK push from its result: paid with the right amount marks the order PAID; anything
 * else leaves it UNPAID and tells the buyer. A repeated CheckoutRequestID or receipt changes nothing.
 */
export async function settleStkResult(store: Store, result: StkCallback, now: Date): Promise<CallbackOutcome> {
  const request = await getMpesaRequest(store, result.CheckoutRequestID);
  if (!request) return 'unknown-request';
  if (request.status !== 'PENDING') return 'ignored';
  const order = await getOrder(store, request.orderCode);
  if (order?.paymentStatus !== 'PENDING' || order.mpesaCheckoutId !== request.checkoutRequestId) return 'ignored';
  const items = Object.fromEntries((result.CallbackMetadata?.Item ?? []).map((item) => [item.Name, item.Value]));
  const notPaid = async (status: 'FAILED' | 'AMOUNT_MISMATCH', reason: string) => {
    return (await writeMpesaNotPaid(store, order, request, status, reason, now)) === 'done';
  };
  if (result.ResultCode !== 0) return (await notPaid('FAILED', String(result.ResultCode))) ? 'not-paid' : 'ignored';
  const receipt = String(items.MpesaReceiptNumber ?? '');
  if (Number(items.Amount) !== request.amount || !receipt) {
    // The buyer's business with M-Pesa, not our fault: told to the buyer, and a warning here.
    logger.warn('M-Pesa amount does not match the order', { orderCode: order.code, expected: request.amount, received: items.Amount });
    return (await notPaid('AMOUNT_MISMATCH', 'amount')) ? 'amount-mismatch' : 'ignored';
  }
  const payment = {
    orderCode: order.code,
    reference: receipt,
    method: 'MOBILE_MONEY' as const,
    amount: order.total,
    recordedAt: now.toISOString(),
    recordedBy: 'mpesa',
  };
  return (await writeMpesaPaid(store, order, request, payment)) === 'done' ? 'paid' : 'ignored';
}

async function sweepOne(
  store: Store,
  mpesa: MpesaConfig | null,
  expiryMinutes: number,
  now: Date,
  admin: RequestContext,
  code: string,
): Promise<string> {
  let order = await getOrder(store, code);
  if (!order) return 'missing';
  const expired = Date.parse(order.createdAt) < now.getTime() - expiryMinutes * 60_000;
  if (order.paymentStatus === 'PENDING' && order.mpesaCheckoutId) {
    const request = await getMpesaRequest(store, order.mpesaCheckoutId);
    if (request && Date.parse(request.requestedAt) < now.getTime() - QUERY_AFTER_MS) {
      const result = mpesa ? await stkQuery(mpesa, request.checkoutRequestId, now) : null;
      // A status query confirms the payment but carries no receipt: the request's id stands in for it.
      const metadata = {
        Item: [
          { Name: 'Amount', Value: request.amount },
          { Name: 'MpesaReceiptNumber', Value: `QUERY-${request.checkoutRequestId}` },
        ],
      };
      if (result)
        return settleStkResult(
          store,
          {
            CheckoutRequestID: request.checkoutRequestId,
            ResultCode: result.resultCode,
            ResultDesc: result.resultDesc,
            CallbackMetadata: metadata,
          },
          now,
        );
      // No answer long after the phone's prompt timed out: the request failed.
      if (!expired) return 'waiting';
      await settleStkResult(
        store,
        { CheckoutRequestID: request.checkoutRequestId, ResultCode: 1037, ResultDesc: 'No answer before expiry' },
        now,
      );
      order = (await getOrder(store, code))!;
    }
  }
  if (!expired || order.paymentStatus !== 'UNPAID') return 'waiting';
  if (order.status !== 'PLACED' && order.status !== 'ACCEPTED') {
    // Shipped unpaid: no longer ours to cancel; the partner settles it at the handover.
    await forgetOpenMobileMoney(store, order);
    return 'left-to-partner';
  }
  const cancelled = await cancelUnpaidOrder(admin, order.code);
  return cancelled instanceof BusinessError ? 'not-cancelled' : 'expired';
}

/** How long an STK push may go unanswered before its status is asked for. */
const QUERY_AFTER_MS = 2 * 60_000;

/**
 * Run on a schedule: asks M-Pesa about requests whose callback never came, and cancels (and
 * restocks) mobile-money orders still unpaid after the expiry time.
 */
export async function sweepMobileMoney(
  store: Store,
  mpesa: MpesaConfig | null,
  expiryMinutes: number,
  now: Date,
): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  const count = (what: string) => (tally[what] = (tally[what] ?? 0) + 1);
  const admin: RequestContext = { principal: { kind: 'ADMIN' }, store, requestId: 'mobile-money-sweep', now: () => now };
  const codes = await listOpenMobileMoney(
    store,
    new Date(now.getTime() - Math.min(QUERY_AFTER_MS, expiryMinutes * 60_000)).toISOString(),
    100,
  );
  for (const code of codes) {
    try {
      const outcome = await sweepOne(store, mpesa, expiryMinutes, now, admin, code);
      if (outcome !== 'waiting') count(outcome);
    } catch (error) {
      // One order's trouble must not stop the sweep of the others.
      logger.error('mobile money sweep failed for an order', { orderCode: code, error: error as Error });
      count('error');
    }
  }
  return tally;
}
