import { graphql } from './graphql.js';

/** A product as the USSD menus keep it in the session: enough to order it or change its listing. */
export const ProductFields = graphql(`
fragment ProductFields on Product {
  id
  code
  name
  unit
  stock
  commodity
  price { amount currency }
  shop { id }
}
`);

/**
 * SMS FIND: a one-line listing per product. No `shop`, unlike ProductFields: it would read the
 * shop of every product found, for a reply that does not show it.
 */
export const FindProducts = graphql(`
query FindProducts($search: String!) {
  products(search: $search, first: 20) { nodes { code villageId name unit price { amount currency } } }
}
`);

/** The USSD buy menus: the first products with a word, or without one those of a village's market. */
export const BrowseProducts = graphql(
  `
query BrowseProducts($search: String, $villageId: ID) {
  products(search: $search, villageId: $villageId, first: 50) { nodes { ...ProductFields } }
}
`,
  [ProductFields],
);

/** The USSD seller menu: the products of the caller's own shops. */
export const MyProducts = graphql(
  `
query MyProducts {
  myProducts(first: 50) {
    __typename
    ... on MyProductsSuccess { data { nodes { ...ProductFields } } }
  }
}
`,
  [ProductFields],
);

/** SMS SELL: a bare price is in the currency the product already has. */
export const ProductCurrency = graphql(`
query ProductCurrency($code: String!) {
  product(code: $code) { __typename ... on ProductSuccess { data { price { currency } } } }
}
`);

/** SMS SELL and STOCK, the USSD price and stock screens: list a product or change it. */
export const UpsertProduct = graphql(`
mutation UpsertProduct($input: UpsertProductInput!) {
  upsertProduct(input: $input) {
    __typename
    ... on NotFoundError { entity key }
    ... on UpsertProductSuccess { data { code name stock price { amount currency } } }
  }
}
`);

/** SMS SELL and the USSD price screen: a new listing or price, with its commodity's market median to compare. */
export const ListProduct = graphql(`
mutation ListProduct($input: UpsertProductInput!) {
  upsertProduct(input: $input) {
    __typename
    ... on NotFoundError { entity key }
    ... on UpsertProductSuccess {
      data {
        code
        name
        stock
        price { amount currency }
        marketReference { market unit daysSinceLatest belowMarket median { amount currency } }
      }
    }
  }
}
`);
