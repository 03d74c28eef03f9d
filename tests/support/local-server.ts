import { randomUUID } from 'node:crypto';
import { type RunningLocalServer, startLocalServer } from '../../local/server-process.js';

export type { LocalServer, RunningLocalServer } from '../../local/server-process.js';

export interface TestServer {
  server: RunningLocalServer;
  url: string;
  adminKey: string;
  /** A GraphQL request with the admin key: the data, for checking what the channels did. */
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<any>;
  /** A product of the demo village by its bare code there, with the fields selected. */
  demoProduct: (code: string, selection: string) => Promise<any>;
  stop: () => Promise<void>;
}

/** `npm start`'s program over the run's DynamoDB Local, in a table of its own, ready to serve. */
export async function startTestServer(dynamoEndpoint: string, name: string, env: Record<string, string> = {}): Promise<TestServer> {
  const adminKey = `e2e-admin-${randomUUID()}`;
  const server = await startLocalServer(
    { DYNAMODB_ENDPOINT: dynamoEndpoint, TABLE_NAME: `e2e-${name}-${randomUUID()}`, ADMIN_API_KEY: adminKey, ...env },
    { timeoutMs: 60_000 },
  );
  const { url } = server;
  const graphql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query, variables }),
    });
    return ((await response.json()) as { data: any }).data;
  };
  return {
    server,
    url,
    adminKey,
    graphql,
    demoProduct: async (code, selection) => {
      const { serviceCenter } = await graphql('{ serviceCenter(id: "MWG01") { villageId } }');
      const query = `query ($code: String!, $village: ID!) { product(code: $code, villageId: $village) { ... on ProductSuccess { data { ${selection} } } } }`;
      const found = await graphql(query, { code, village: serviceCenter.villageId });
      return found.product?.data;
    },
    stop: server.stop,
  };
}
