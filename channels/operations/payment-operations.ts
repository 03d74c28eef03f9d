import { graphql } from './graphql.js';

/** After an SMS or USSD order paid by mobile money: M-Pesa asks the buyer's phone to pay. */
export const RequestMobileMoneyPayment = graphql(`
mutation RequestMobileMoneyPayment($orderCode: String!) {
  requestMobileMoneyPayment(orderCode: $orderCode) {
    __typename
  }
}
`);

/** SMS PAYOUT: a partner hands a seller cash from their sales. */
export const PayOutSeller = graphql(`
mutation PayOutSeller($input: PayOutSellerInput!) {
  payOutSeller(input: $input) {
    __typename
    ... on NotFoundError { entity key }
    ... on OverpaymentError { owed { amount currency } }
    ... on PayOutSellerSuccess { data { sellerPhone amount { amount currency } owedAfter { amount currency } } }
  }
}
`);

/** SMS REFUND: the partner gives a paid order's money back. */
export const RefundOrder = graphql(`
mutation RefundOrder($input: RefundOrderInput!) {
  refundOrder(input: $input) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on RefundOrderSuccess { data { payment { amount { amount currency } } } }
  }
}
`);
