import { graphql } from './graphql.js';

/** What the channels show of an order in a list or on its own: SMS STATUS and TASKS, the USSD order screens. */
export const OrderFields = graphql(`
fragment OrderFields on Order {
  code
  status
  paymentStatus
  buyerPhone
  total { amount currency }
  serviceCenter { name }
  collectingCenter { name }
}
`);

/** SMS ORDER and the USSD confirm screen: one order at the caller's center. */
export const PlaceOrder = graphql(`
mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on NotFoundError { entity key }
    ... on OutOfStockError { productCode available }
    ... on InvalidInputError { rule }
    ... on PlaceOrderSuccess { data { code paymentMethod total { amount currency } } }
  }
}
`);

/** SMS STATUS <order>. */
export const OrderByCode = graphql(
  `
query OrderByCode($code: String!) {
  order(code: $code) {
    __typename
    ... on NotFoundError { entity key }
    ... on OrderSuccess { data { ...OrderFields } }
  }
}
`,
  [OrderFields],
);

/** The caller's latest orders as a buyer: SMS STATUS (5), the USSD "my orders" list (10). */
export const MyOrders = graphql(
  `
query MyOrders($first: Int!) {
  myOrders(first: $first) {
    __typename
    ... on NotFoundError { entity key }
    ... on MyOrdersSuccess { data { nodes { ...OrderFields } } }
  }
}
`,
  [OrderFields],
);

/**
 * A partner's tasks, SMS TASKS and the USSD tasks list: the orders their center collects from its
 * village's sellers (oldest first), then its newest orders on their way or awaiting pickup.
 */
export const CenterOrders = graphql(
  `
query CenterOrders {
  firstMileOrders(first: 20) {
    __typename
    ... on NotFoundError { entity key }
    ... on FirstMileOrdersSuccess { data { nodes { ...OrderFields } } }
  }
  centerOrders(first: 20) {
    __typename
    ... on NotFoundError { entity key }
    ... on CenterOrdersSuccess { data { nodes { ...OrderFields } } }
  }
}
`,
  [OrderFields],
);

/** A seller's newest orders to accept or to ship: SMS ORDERS, the USSD list of orders to ship. */
export const ShopOrders = graphql(
  `
query ShopOrders {
  shopOrders(first: 20, statuses: [PLACED, ACCEPTED]) {
    __typename
    ... on NotFoundError { entity key }
    ... on ShopOrdersSuccess { data { nodes { ...OrderFields } } }
  }
}
`,
  [OrderFields],
);

/** SMS CANCEL and the USSD order screen. */
export const CancelOrder = graphql(`
mutation CancelOrder($code: String!) {
  cancelOrder(code: $code) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on CancelOrderSuccess { data { code } }
  }
}
`);

/** SMS ACCEPT (the seller). */
export const AcceptOrder = graphql(`
mutation AcceptOrder($code: String!) {
  acceptOrder(code: $code) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on AcceptOrderSuccess { data { code collectingCenter { name } } }
  }
}
`);

/** The collecting partner confirms a seller's drop-off: SMS RECEIVED, the USSD task screen. */
export const ReceiveOrder = graphql(`
mutation ReceiveOrder($code: String!) {
  receiveOrder(code: $code) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on ReceiveOrderSuccess { data { code } }
  }
}
`);

/** Where an order is dropped off, when its seller tries to ship it directly. */
export const OrderRoute = graphql(`
query OrderRoute($code: String!) {
  order(code: $code) {
    __typename
    ... on OrderSuccess { data { sellerPhone collectingCenter { name } } }
  }
}
`);

/** SMS SHIP (the seller, or on a first mile the collecting partner): the reply names the center the order is going to. */
export const ShipOrder = graphql(`
mutation ShipOrder($code: String!) {
  shipOrder(code: $code) {
    __typename
    ... on NotFoundError { entity key }
    ... on IllegalTransitionError { from }
    ... on ShipOrderSuccess { data { code serviceCenter { name } } }
  }
}
`);
