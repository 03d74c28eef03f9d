import type { RequestContext } from '../core/access/index.js';
import { runOperation } from './channel-graphql.js';
import { RequestMobileMoneyPayment } from './operations/payment-operations.js';

/** Asks M-Pesa to send the buyer a payment request; false when it cannot (not set up, other currency). */
export async function requestPayment(caller: { ctx: RequestContext }, orderCode: string): Promise<boolean> {
  const { requestMobileMoneyPayment } = await runOperation(caller.ctx, RequestMobileMoneyPayment, { orderCode });
  return requestMobileMoneyPayment.__typename === 'RequestMobileMoneyPaymentSuccess';
}
