import type { RequestContext } from '../core/access/index.js';
import { execute, type Outcome, outcomeFields } from './channel-graphql.js';

/** Asks M-Pesa to send the buyer a payment request; false when it cannot (not set up, other currency). */
export async function requestPayment(caller: { ctx: RequestContext }, orderCode: string): Promise<boolean> {
  const { requestMobileMoneyPayment } = await execute<{ requestMobileMoneyPayment: Outcome }>(
    caller.ctx,
    `mutation Pay($code: String!) { requestMobileMoneyPayment(orderCode: $code) { ${outcomeFields()} } }`,
    { code: orderCode },
  );
  return requestMobileMoneyPayment.__typename === 'RequestMobileMoneyPaymentSuccess';
}
