import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { issueApiKey } from '../../core/access/api-key-service.js';
import { app, createTestStore } from '../support/test-store.js';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let handler: Handler;
let key: string;
let calls = 0;

const request = (query: string) =>
  ({
    version: '2.0',
    routeKey: 'POST /graphql',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    requestContext: { http: { method: 'POST', path: '/graphql' } },
    body: JSON.stringify({ query }),
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;
const lambda = { awsRequestId: 'limits-test' } as Context;
const answer = async (query: string) => {
  const response = await handler(request(query), lambda);
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
};

beforeAll(async () => {
  const store = await createTestStore();
  key = await issueApiKey(store, app, 'limits test', new Date());
  // The function reads its settings at import, as on Lambda.
  Object.assign(process.env, { TABLE_NAME: store.tableName, AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: inject('dynamoEndpoint') });
  handler = (await import('../../functions/graphql.js')).handler as unknown as Handler;
  const instance = await import('../../functions/function-instance.js');
  instance.store.doc.middlewareStack.add(
    (next) => async (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
});

describe('limits checked before a request runs', () => {
  it('refuses 2,000 aliases of product { shop { village } } with a clear error and no table read', async () => {
    expect((await answer('{ __typename }')).status).toBe(200); // the key is read once, then cached
    calls = 0;
    const aliases = Array.from(
      { length: 2000 },
      (_, i) => `p${i}: product(code: "RICE5.V1") { ... on ProductSuccess { data { shop { village { name } } } } }`,
    );
    const refused = await answer(`{ ${aliases.join(' ')} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toMatch(/aliases|tokens/i);
    expect(calls).toBe(0);
  });

  it("answers a bad page of products as the caller's error, not a fault", async () => {
    for (const bad of ['first: 101', 'after: "not-a-cursor"']) {
      const refused = await answer(`{ products(search: "rice", ${bad}) { nodes { code } } }`);
      expect(refused.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.body.errors[0].message).toMatch(/^(first|after): /);
    }
  });

  it('refuses a request over 15 aliases, and runs the deepest the schema has', async () => {
    const sixteen = Array.from({ length: 16 }, (_, i) => `a${i}: me { __typename }`).join(' ');
    const refused = await answer(`{ ${sixteen} }`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].message).toBe('Too many aliases: 16, the limit is 15.');
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'ALIAS_LIMIT_EXCEEDED', limit: 15, found: 16 });
    const deep =
      '{ myOrders { ... on MyOrdersSuccess { data { nodes { shop { village { name } } serviceCenter { village { name } } } } } } }';
    expect((await answer(deep)).status).toBe(200);
    const fifteen = Array.from({ length: 15 }, (_, i) => `a${i}: me { __typename }`).join(' ');
    expect((await answer(`{ ${fifteen} }`)).status).toBe(200);
  });

  it("lets the largest page through with each product's code, name and price, and says what it cost", async () => {
    const largest = await answer(
      '{ myProducts(first: 100) { ... on MyProductsSuccess { data { nodes { code name price { amount currency formatted } } } } ... on Error { code } } }',
    );
    expect(largest.status).toBe(200);
    expect(largest.body.errors).toBeUndefined();
    expect(largest.body.extensions.cost).toEqual({ requested: 102, limit: 5000 });
    const small = await answer('{ products(search: "rice", first: 5) { nodes { code shop { name } } } }');
    expect(small.body.extensions.cost).toEqual({ requested: 11, limit: 5000 });
  });

  it('refuses a request over the cost limit with its cost and the limit, not as a syntax error, and reads nothing', async () => {
    const orders =
      'centerOrders(first: 100) { ... on CenterOrdersSuccess { data { nodes { code shop { village { name } } serviceCenter { village { name } } payments { reference } history { at } } } } }';
    expect((await answer(`{ ${orders} }`)).status).toBe(200);
    calls = 0;
    const refused = await answer(`{ a: ${orders} b: ${orders} }`);
    expect(refused.status).toBe(400);
    const [error] = refused.body.errors;
    expect(error.message).toBe(
      'Over the cost limit: this request costs 5004, the limit is 5000 (ask for smaller pages or fewer objects in each item).',
    );
    expect(error.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', cost: { requested: 5004, limit: 5000 } });
    expect(refused.body.extensions.cost).toEqual({ requested: 5004, limit: 5000 });
    expect(calls).toBe(0);
  });
});
