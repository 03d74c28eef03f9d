// The GraphQL the load test sends, typed from the schema as the channels' operations are
// (channels/operations/graphql.ts); tests/unit/load-operations.test.ts validates each against the schema.
import { graphql } from '../../channels/operations/graphql.js';

export const LoadCenterVillage = graphql(`
query LoadCenterVillage($id: ID!) { serviceCenter(id: $id) { id village { id } } }
`);

export const LoadCreateShop = graphql(`
mutation LoadCreateShop($input: CreateShopInput!) {
  createShop(input: $input) { __typename ... on CreateShopSuccess { data { id } } ... on Error { message } }
}
`);

export const LoadUpsertProduct = graphql(`
mutation LoadUpsertProduct($input: UpsertProductInput!) {
  upsertProduct(input: $input) { __typename ... on UpsertProductSuccess { data { code stock } } ... on Error { message } }
}
`);

export const LoadProduct = graphql(`
query LoadProduct($code: String!, $villageId: ID!) {
  product(code: $code, villageId: $villageId) { __typename ... on ProductSuccess { data { code villageId stock shop { id } } } }
}
`);

export const LoadPlaceOrder = graphql(`
mutation LoadPlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on PlaceOrderSuccess { data { code status } }
    ... on OutOfStockError { productCode available }
    ... on Error { message }
  }
}
`);

export const LoadSearch = graphql(`
query LoadSearch($search: String!) { products(search: $search, first: 20) { nodes { code stock } } }
`);

export const LoadCancelOrder = graphql(`
mutation LoadCancelOrder($code: String!) {
  cancelOrder(code: $code) { __typename ... on CancelOrderSuccess { data { code status } } ... on Error { message } }
}
`);

export const LoadOrder = graphql(`
query LoadOrder($code: String!) {
  order(code: $code) { __typename ... on OrderSuccess { data { code status lines { productCode quantity } } } }
}
`);
