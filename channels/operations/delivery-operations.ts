import { graphql } from './graphql.js';

/** SMS ARRIVED and the USSD task screen: the parcel is at the center, the buyer gets a pickup code. */
export const MarkArrived = graphql(`
mutation MarkArrived($code: String!) {
  markArrived(code: $code) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on MarkArrivedSuccess { data { code } }
  }
}
`);

/** SMS DELIVERED and the USSD pickup-code screen: the handover, with the buyer's pickup code. */
export const ConfirmDelivery = graphql(`
mutation ConfirmDelivery($code: String!, $pickupCode: String!) {
  confirmDelivery(orderCode: $code, pickupCode: $pickupCode) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on WrongPickupCodeError { attemptsLeft }
    ... on PickupLockedError { until }
    ... on ConfirmDeliverySuccess { data { code cashTakenAtHandover { amount currency } } }
  }
}
`);

/** SMS EARNINGS: the partner's center between two dates. */
export const PartnerStatement = graphql(`
query PartnerStatement($from: String!, $to: String!) {
  partnerStatement(from: $from, to: $to) {
    __typename
    ... on NotFoundError { entity key }
    ... on PartnerStatementSuccess {
      data { ordersHandled commission { amount currency } cashCollected { amount currency } }
    }
  }
}
`);
