/** The operations GraphiQL opens with, one tab each; the first line of each names the key it needs. */
export function exampleTabs(now: Date): { query: string; variables: string }[] {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return [
    {
      query: `# Any key: the products of the demo village matching a word, with price and stock.
query SearchProducts($search: String) {
  products(search: $search, first: 10) {
    nodes { id code name unit stock price { formatted } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
      variables: JSON.stringify({ search: 'rice' }, null, 2),
    },
    {
      query: `# The buyer's key: an order to pick up at MWG01. The same idempotencyKey again answers with the same order.
mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on PlaceOrderSuccess { data { code status total { formatted } serviceCenter { name } } }
    ... on Error { code message }
  }
}
`,
      variables: JSON.stringify(
        {
          input: {
            serviceCenterId: 'MWG01',
            lines: [{ productCode: 'RICE5', quantity: 2 }],
            paymentMethod: 'CASH',
            idempotencyKey: `graphiql-${now.getTime()}`,
          },
        },
        null,
        2,
      ),
    },
    {
      query: `# The partner's key: the center's books this month, orders handed over, commission and cash.
query PartnerStatement($from: String!, $to: String!) {
  partnerStatement(from: $from, to: $to) {
    __typename
    ... on PartnerStatementSuccess {
      data { centerId from to ordersHandled commission { formatted } cashCollected { formatted } cashToHandOver { formatted } }
    }
    ... on Error { code message }
  }
}
`,
      variables: JSON.stringify({ from: monthStart.toISOString(), to: now.toISOString() }, null, 2),
    },
  ];
}
