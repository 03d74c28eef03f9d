import { buildSchema, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_COST, MAX_DEPTH, measureRequest, overLimit, UNPAGED_LIST_SIZE } from '../../functions/graphql-limits.js';
import { schema } from '../../schema/index.js';

function measure(source: string, variables: Record<string, unknown> = {}, against: GraphQLSchema = schema) {
  const document = parse(source);
  expect(validate(against, document, specifiedRules)).toEqual([]);
  return measureRequest(against, document, getOperationAST(document)!, variables);
}

/** A list of items that hold lists of items: what the schema's own lists never nest, to show what a nested page costs. */
const nested = buildSchema(`
  type Query { items(first: Int = 20, after: String): ItemConnection! }
  type ItemConnection { nodes: [Item!]! }
  type Item { name: String! child: Item children(first: Int = 20): ItemConnection! }
`);

const sensiblePages = {
  products:
    '{ products(first: 100) { nodes { id code name unit stock price { formatted } shop { name } } pageInfo { hasNextPage endCursor } } }',
  myProducts: `{ myProducts(first: 100) { ... on MyProductsSuccess { data { nodes { code name price { amount currency formatted } } } } ... on Error { code message } } }`,
  myOrders: `{ myOrders(first: 100) { ... on MyOrdersSuccess { data { nodes { code status total { formatted }
    shop { name } serviceCenter { name village { name } } lines { productCode quantity unitPrice { formatted } }
    payments { reference amount { formatted } } history { status at } } pageInfo { endCursor } } } } }`,
  outbox: '{ outbox(phone: "+255754100010", first: 100) { ... on OutboxSuccess { data { nodes { id status body createdAt } } } } }',
};

describe('the cost of a request: what it may read from the table', () => {
  it('counts each item of a page, by its first, from a literal, a variable or the default', () => {
    expect(measure(sensiblePages.myProducts).cost).toBe(1 + 1 + 100);
    expect(
      measure('query ($n: Int) { myProducts(first: $n) { ... on MyProductsSuccess { data { nodes { code } } } } }', { n: 7 }).cost,
    ).toBe(1 + 1 + 7);
    expect(measure('{ myProducts { ... on MyProductsSuccess { data { nodes { code } } } } }').cost).toBe(1 + 1 + 20);
  });

  it('lets every list at its largest page through with a sensible selection', () => {
    for (const [name, source] of Object.entries(sensiblePages)) {
      const { cost } = measure(source);
      expect({ name, cost, within: cost <= MAX_COST }).toEqual({ name, cost, within: true });
    }
    // Each order's shop, center and village, and its lines, payments and history at the unpaged estimate.
    expect(measure(sensiblePages.myOrders).cost).toBe(1 + 1 + 100 * (1 + 1 + 1 + 1 + 3 * UNPAGED_LIST_SIZE));
  });

  it('refuses pages inside pages, and two of the largest pages of orders at once', () => {
    const pageOfPages = measure('{ items(first: 100) { nodes { name children(first: 100) { nodes { name } } } } }', {}, nested);
    expect(pageOfPages.cost).toBe(1 + 100 * (1 + 1 + 100));
    expect(overLimit(pageOfPages)?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: { requested: 10_201, limit: MAX_COST } });
    const orders = sensiblePages.myOrders.slice(1, -1);
    expect(overLimit(measure(`{ a: ${orders} b: ${orders} }`))?.extensions?.code).toBe('COST_LIMIT_EXCEEDED');
  });

  it('costs nothing for scalars, money, page info and __typename, and counts a fragment spread each time', () => {
    expect(measure('{ products(first: 10) { pageInfo { hasNextPage } } __typename }').cost).toBe(1);
    const spread = measure('{ products(first: 10) { nodes { ...P } } } fragment P on Product { code price { formatted } shop { name } }');
    const inline = measure('{ products(first: 10) { nodes { code price { formatted } shop { name } } } }');
    expect(spread).toEqual(inline);
    expect(inline.cost).toBe(1 + 10 * 2);
  });
});

describe('the depth, aliases and directives of a request', () => {
  it('counts fields nested in fields, not fragments', () => {
    const deep = (levels: number) => `{ items { nodes { ${'child { '.repeat(levels - 3)}name${' }'.repeat(levels - 3)} } } }`;
    expect(measure(deep(MAX_DEPTH), {}, nested).depth).toBe(MAX_DEPTH);
    const over = overLimit(measure(deep(MAX_DEPTH + 1), {}, nested));
    expect(over?.message).toBe(`Too deep: ${MAX_DEPTH + 1} levels of fields, the limit is ${MAX_DEPTH}.`);
    expect(over?.extensions).toMatchObject({ code: 'DEPTH_LIMIT_EXCEEDED', limit: MAX_DEPTH, found: MAX_DEPTH + 1 });
    expect(measure('{ ... on Query { items { ... on ItemConnection { nodes { name } } } } }', {}, nested).depth).toBe(3);
  });

  it('counts aliases and directives, fragments included', () => {
    const found = measure(
      'query { a: items { nodes { ...N } } b: items @skip(if: false) { nodes { ...N } } } fragment N on Item { x: name }',
      {},
      nested,
    );
    expect(found).toMatchObject({ aliases: 4, directives: 1 });
  });
});
