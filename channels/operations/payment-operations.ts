import { graphql } from './graphql.js';

/** After an SMS or USSD order paid by mobile money: M-Pesa asks the buyer's phone to pay. */
export const RequestMobileMoneyPayment = graphql(`
  mutation RequestMobileMoneyPayment($orderCode: String!) {
    requestMobileMoneyPayment(orderCode: $orderCode) {
      __typename
    }
  }
`);
