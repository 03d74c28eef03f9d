import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LocalServer {
  process: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Runs `npm start`'s program (local/start.ts) as its own process, as a person would. */
export function spawnLocalServer(env: Record<string, string>): LocalServer {
  // tsx as a loader, not its CLI: signals reach our process directly, with no relay in between.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    // The server logs at INFO, as `npm start` does for a person.
    env: { ...process.env, PORT: '0', POWERTOOLS_LOG_LEVEL: 'INFO', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, output: () => output, exited };
}

/** Waits until the server prints a line matching the pattern; fails with the output when it exits first. */
export async function waitForOutput(server: LocalServer, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = server.output().match(pattern);
    if (match) return match;
    if (server.process.exitCode !== null) throw new Error(`server exited (${server.process.exitCode}):\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${server.output()}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

export interface TestServer {
  server: LocalServer;
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
  const server = spawnLocalServer({
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    TABLE_NAME: `e2e-${name}-${randomUUID()}`,
    ADMIN_API_KEY: adminKey,
    ...env,
  });
  const [, url] = (await waitForOutput(server, /backend on (http:\/\/127\.0\.0\.1:\d+)/)) as unknown as [string, string];
  await waitForOutput(server, /Ctrl-C stops/);
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
      const found = await graphql(`query ($code: String!, $village: ID!) { product(code: $code, villageId: $village) { ${selection} } }`, {
        code,
        village: serviceCenter.villageId,
      });
      return found.product;
    },
    stop: async () => {
      server.process.kill('SIGTERM');
      await server.exited;
    },
  };
}
