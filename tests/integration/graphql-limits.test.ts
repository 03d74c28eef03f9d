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
    const aliases = Array.from({ length: 2000 }, (_, i) => `p${i}: product(code: "RICE5.V1") { shop { village { name } } }`);
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
    expect((await answer(`{ ${sixteen} }`)).body.errors[0].message).toMatch(/aliases/i);
    const deep =
      '{ myOrders { ... on MyOrdersSuccess { data { nodes { shop { village { name } } serviceCenter { village { name } } } } } } }';
    expect((await answer(deep)).status).toBe(200);
    const fifteen = Array.from({ length: 15 }, (_, i) => `a${i}: me { __typename }`).join(' ');
    expect((await answer(`{ ${fifteen} }`)).status).toBe(200);
  });
});
