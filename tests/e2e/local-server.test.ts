import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalServer, spawnLocalServer, waitForOutput } from '../../local/server-process.js';

const ADMIN_KEY = `e2e-admin-${randomUUID()}`;
let server: LocalServer;
let url: string;
let keys: Record<'buyer' | 'seller' | 'app', string>;

async function graphql(key: string | null, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/** Runs one of the command-line helpers (npm run sms, npm run ussd) with these settings, as a person would. */
function runHelper(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), env: { ...process.env, VILLAGE_TRADE_URL: '', PORT: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The server's log lines that are JSON objects. */
const jsonLines = () =>
  server
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });

beforeAll(async () => {
  server = spawnLocalServer({ DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: `e2e-${randomUUID()}`, ADMIN_API_KEY: ADMIN_KEY });
  [, url] = (await waitForOutput(server, /backend on (http:\/\/127\.0\.0\.1:\d+)/)) as unknown as [string, string];
  const keyOf = (pattern: RegExp) => server.output().match(pattern)![1]!;
  keys = {
    buyer: keyOf(/buyer\s+\+255754100010: (\S+)/),
    seller: keyOf(/seller\s+\+255754100002 .*: (\S+)/),
    app: keyOf(/app\s+\(read-only\): (\S+)/),
  };
}, 90_000);

afterAll(() => server.stop());

const PLACE = `mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    __typename
    ... on PlaceOrderSuccess { data { code status total { formatted } serviceCenter { name } } }
    ... on Error { message }
  }
}`;

describe('the local server over HTTP', () => {
  it('answers /health', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('refuses webhook requests sent by a web page of another origin, whatever key they carry', async () => {
    const ussd = (origin: string | null) =>
      fetch(`${url}/ussd?key=local-dev-ussd-key`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) },
        body: new URLSearchParams({ sessionId: `s-${randomUUID()}`, phoneNumber: '+255754100010', text: '' }).toString(),
      });
    expect((await ussd('http://evil.example')).status).toBe(403);
    expect((await ussd('http://rebound.example:4000')).status).toBe(403);
    // Aggregators are servers and send no Origin.
    expect((await ussd(null)).status).toBe(200);
  });

  it('refuses requests without a valid key with 401', async () => {
    expect((await graphql(null, '{ products { code } }')).status).toBe(401);
    const unknown = await graphql('vt_not-a-key', '{ products { code } }');
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Every error names the request, for the caller to quote.
    expect(unknown.body.errors[0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(unknown.headers.get('x-request-id')).toBe(unknown.body.errors[0].extensions.requestId);
  });

  it('answers a 5 MB body with 413, 20 times in a row, having read it whole rather than resetting the connection', async () => {
    const body = JSON.stringify({ query: `{ __typename }`, padding: 'x'.repeat(5 * 1024 * 1024) });
    for (let attempt = 0; attempt < 20; attempt++) {
      const big = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.app}` },
        body,
      });
      expect(big.status).toBe(413);
      expect(big.headers.get('connection')).toBe('close');
      expect(await big.json()).toEqual({ error: 'request body over 1048576 bytes' });
    }
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(server.output()).not.toMatch(/"level":"error"/);
  });

  it('answers malformed GraphQL with 400 and a clear message', async () => {
    const response = await graphql(keys.app, '{ products { code ');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/Syntax Error/);
  });

  it('serves the seeded catalogue and market prices to a read-only app', async () => {
    const { body } = await graphql(
      keys.app,
      '{ products(search: "rice") { nodes { code price { amount currency } } } marketPrices(commodity: "maize") { market reportCount } }',
    );
    expect(body.data.products.nodes).toEqual([{ code: 'RICE5', price: { amount: 1_650_000, currency: 'TZS' } }]);
    expect(body.data.marketPrices.map((m: { market: string }) => m.market)).toEqual(['Arusha', 'Moshi']);
    expect(body.data.marketPrices.every((m: { reportCount: number }) => m.reportCount >= 14)).toBe(true);
  });

  it('places an order once for a repeated request, and the seller accepts it', async () => {
    const input = {
      serviceCenterId: 'MWG01',
      lines: [{ productCode: 'RICE5', quantity: 2 }],
      paymentMethod: 'CASH',
      idempotencyKey: 'e2e-1',
    };
    const first = await graphql(keys.buyer, PLACE, { input });
    expect(first.body.data.placeOrder).toMatchObject({
      __typename: 'PlaceOrderSuccess',
      data: { status: 'PLACED', total: { formatted: 'TZS 33,000.00' }, serviceCenter: { name: 'Mwanga Service Center' } },
    });
    const again = await graphql(keys.buyer, PLACE, { input });
    expect(again.body.data.placeOrder.data.code).toBe(first.body.data.placeOrder.data.code);
    // An app names a product anywhere by its id: the code with its village.
    const { body: center } = await graphql(keys.app, '{ serviceCenter(id: "MWG01") { villageId } }');
    const id = `RICE5.${center.data.serviceCenter.villageId}`;
    const { body: stock } = await graphql(keys.app, `{ product(code: "${id}") { ... on ProductSuccess { data { id stock } } } }`);
    expect(stock.data.product.data).toEqual({ id, stock: 38 });

    const code = first.body.data.placeOrder.data.code;
    const accepted = await graphql(
      keys.seller,
      `mutation { acceptOrder(code: "${code}") { __typename ... on AcceptOrderSuccess { data { status } } } }`,
    );
    expect(accepted.body.data.acceptOrder.data.status).toBe('ACCEPTED');
    const mine = await graphql(keys.buyer, '{ myOrders { ... on MyOrdersSuccess { data { nodes { code status } } } } }');
    expect(mine.body.data.myOrders.data.nodes).toEqual([{ code, status: 'ACCEPTED' }]);
  });

  it('lets the admin key from ADMIN_API_KEY create a village', async () => {
    const { body } = await graphql(ADMIN_KEY, 'mutation { createVillage(input: { name: "Kisiwani", households: 80 }) { __typename } }');
    expect(body.data.createVillage.__typename).toBe('CreateVillageSuccess');
  });
});

describe('the sms and ussd helpers and the log', () => {
  it('dial the USSD menu and show its first screen when given a phone and no path', async () => {
    const dialled = await runHelper('local/ussd-cli.ts', ['+255754100010'], { VILLAGE_TRADE_URL: url });
    expect(dialled).toMatchObject({ code: 0, stderr: '' });
    expect(dialled.stdout).toMatch(/^CON 1 Buy\n/);
  });

  it('reach the server at the PORT npm start was given when VILLAGE_TRADE_URL is not set', async () => {
    const texted = await runHelper('local/sms-cli.ts', ['+255754100010', 'STATUS'], { PORT: new URL(url).port });
    expect(texted).toMatchObject({ code: 0, stderr: '' });
    expect(texted.stdout).toMatch(/^(Your orders: |You have no orders yet)/);
  });

  it('names on every log line the service of the function that wrote it, as the cloud does', async () => {
    const input = {
      serviceCenterId: 'MWG01',
      lines: [{ productCode: 'BEANS2', quantity: 1 }],
      paymentMethod: 'CASH',
      idempotencyKey: randomUUID(),
    };
    const viaGraphql = (await graphql(keys.buyer, PLACE, { input })).body.data.placeOrder.data.code as string;
    const texted = await runHelper('local/sms-cli.ts', ['+255754100010', 'ORDER 1 MAIZE10'], { VILLAGE_TRADE_URL: url });
    const viaSms = /^Order (\S+): /.exec(texted.stdout)?.[1];
    const serviceThatPlaced = (code: string | undefined) =>
      jsonLines().find((line) => line.message === 'order placed' && line.orderCode === code)?.service;
    expect([serviceThatPlaced(viaGraphql), serviceThatPlaced(viaSms)]).toEqual(['graphql', 'sms']);
    const services = new Set(jsonLines().flatMap((line) => ('service' in line ? [line.service] : [])));
    expect(services.size).toBeGreaterThan(1);
    expect([...services].filter((service) => service === 'service_undefined')).toEqual([]);
  });
});

describe('npm start on its own', () => {
  it('starts DynamoDB Local itself and stops it on SIGINT', async () => {
    const own = spawnLocalServer({ IN_MEMORY: '1', DYNAMODB_ENDPOINT: '' });
    const [, dynamoUrl] = (await waitForOutput(own, /DynamoDB (http:\/\/127\.0\.0\.1:\d+)/)) as unknown as [string, string];
    await waitForOutput(own, /Ctrl-C stops/);
    expect((await fetch(dynamoUrl, { method: 'POST' })).status).toBeGreaterThan(0);
    own.process.kill('SIGINT');
    expect(await own.exited).toBe(0);
    await expect(fetch(dynamoUrl, { method: 'POST' })).rejects.toThrow();
  }, 90_000);

  it('stops the server and DynamoDB Local when `npm start` gets SIGTERM, as process managers send', async () => {
    const child = spawn('npm', ['start'], { env: { ...process.env, PORT: '0', IN_MEMORY: '1', DYNAMODB_ENDPOINT: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const viaNpm = { process: child, output: () => output, exited: new Promise<number | null>((done) => child.once('exit', done)) };
    const [, dynamoUrl] = (await waitForOutput(viaNpm, /DynamoDB (http:\/\/127\.0\.0\.1:\d+)/)) as unknown as [string, string];
    const [, serverUrl] = (await waitForOutput(viaNpm, /backend on (http:\/\/127\.0\.0\.1:\d+)/)) as unknown as [string, string];
    await waitForOutput(viaNpm, /Ctrl-C stops/);
    child.kill('SIGTERM');
    await viaNpm.exited;
    await waitForOutput(viaNpm, /SIGTERM: stopping/);
    // Both ports are free once it has stopped: nothing is left behind npm.
    await expect
      .poll(
        () =>
          fetch(dynamoUrl, { method: 'POST' }).then(
            () => 'answering',
            () => 'stopped',
          ),
        { timeout: 15_000 },
      )
      .toBe('stopped');
    await expect
      .poll(
        () =>
          fetch(`${serverUrl}/health`).then(
            () => 'answering',
            () => 'stopped',
          ),
        { timeout: 15_000 },
      )
      .toBe('stopped');
  }, 90_000);

  it('says how to install Java when there is none, and exits non-zero', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const withoutJava = spawnLocalServer({ PATH: bin, DYNAMODB_ENDPOINT: '' });
    expect(await withoutJava.exited).toBe(1);
    expect(withoutJava.output()).toMatch(/needs a Java 17\+ runtime/);
    expect(withoutJava.output()).toMatch(/apt-get install -y openjdk-17-jre-headless/);
  }, 60_000);
});
