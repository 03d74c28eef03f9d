// The deployed code is the bundle, not the sources the other tests run: the stack is synthesized as
// `cdk synth` does it, and each function's asset is imported and invoked in a Node process of its own,
// as Lambda would.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueApiKey } from '../../core/access/api-key-service.js';
import type { Store } from '../../core/db/store.js';
import { type FunctionAsset, synthesizeFunctionAssets } from '../../infra/function-assets.js';
import { createTestStore } from '../support/test-store.js';

const PUBLIC_URL = 'https://bundle-test.invalid';
const TWILIO_AUTH_TOKEN = 'bundle-test-token';
const USSD_API_KEY = 'bundle-test-key';

let directory: string;
let store: Store;
let template: { Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: unknown } } }> };
const assets = new Map<string, FunctionAsset>();

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'village-trade-bundles-'));
  store = await createTestStore();
  for (const asset of synthesizeFunctionAssets(join(directory, 'cdk.out'))) assets.set(asset.name, asset);
  template = JSON.parse(readFileSync(join(directory, 'cdk.out', 'VillageTradeStack.template.json'), 'utf8'));
  await writeFile(
    join(directory, 'invoke.mjs'),
    `const [file, exported, calls] = process.argv.slice(2);
const module = await import(file);
const context = { awsRequestId: 'bundle-test', functionName: 'bundle-test', getRemainingTimeInMillis: () => 10000 };
const results = [];
for (const event of JSON.parse(calls)) results.push(await module[exported](event, context));
process.stdout.write(JSON.stringify(results));
process.exit(0);
`,
  );
}, 300_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Runs the bundle's export on each event in turn, in one fresh process with the function's settings. */
async function invoke(name: string, exported: string, events: unknown[]): Promise<any[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(directory, 'invoke.mjs'), pathToFileURL(join(assets.get(name)!.directory, 'index.mjs')).href, exported, JSON.stringify(events)],
    {
      env: {
        PATH: process.env.PATH ?? '',
        TABLE_NAME: store.tableName,
        AWS_REGION: 'us-east-1',
        DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
        PUBLIC_URL,
        TWILIO_AUTH_TOKEN,
        USSD_API_KEY,
        // The queues are named, never reached: the batches handed to the functions are empty.
        OUTGOING_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/Outgoing',
        FANOUT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/Fanout',
        WEBHOOKS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/Webhooks',
        // Apollo would load its reporting plugins with these; installed as disabled, they must stay out.
        APOLLO_KEY: 'service:bundle-test:0000',
        APOLLO_GRAPH_REF: 'bundle-test@current',
        APOLLO_SCHEMA_REPORTING: 'true',
        NODE_OPTIONS: '--enable-source-maps',
        NODE_ENV: 'production',
        // As outside Lambda anywhere: no CloudWatch to read them.
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    },
  );
  // The results are the last line; the function's own log lines come before it.
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

function httpEvent(path: string, body: string, headers: Record<string, string>, query = '', method = 'POST'): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers,
    queryStringParameters: query ? Object.fromEntries(new URLSearchParams(query)) : undefined,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'bundle-test.invalid',
      domainPrefix: 'bundle-test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'bundle-test',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
}

/** The files a function's asset holds code of: the sources its source map names. */
const inputsOf = (name: string): string[] => JSON.parse(readFileSync(join(assets.get(name)!.directory, 'index.mjs.map'), 'utf8')).sources;

describe('the bundles', () => {
  it('are the assets the template deploys, one for each function', () => {
    const deployed = Object.values(template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Code?.S3Key)
      .map((resource) => resource.Properties.Code!.S3Key);
    const functions = [...assets.values()].flatMap((asset) => asset.functions.map(() => `${asset.hash}.zip`));
    expect(functions.sort()).toEqual(deployed.sort());
    expect([...assets.keys()]).toEqual(
      expect.arrayContaining(['graphql', 'sms', 'ussd', 'notifier', 'sms-sender', 'fanout', 'mpesa-callback']),
    );
  });

  it('hold text as UTF-8, as infra/function-bundling.ts asks, not as escapes', () => {
    const sms = readFileSync(join(assets.get('sms')!.directory, 'index.mjs'), 'utf8');
    // The Chinese name of the status PLACED (channels/text/status-names.ts).
    expect(sms).toContain('已下单');
    expect(sms).not.toMatch(/\\u5DF2\\u4E0B\\u5355/);
  });

  it('leave out what they never load', () => {
    const graphql = inputsOf('graphql');
    expect(graphql.filter((path) => /usage-reporting-protobuf|@graphql-tools\/|@apollo\/server\/dist\/cjs|sha\.js/.test(path))).toEqual([]);
    for (const name of ['notifier', 'sms-sender', 'fanout'])
      expect(inputsOf(name).filter((path) => path.includes('node_modules/twilio/'))).toEqual([]);
    // The SMS function checks Twilio's signatures and writes TwiML itself.
    expect(inputsOf('sms').filter((path) => /node_modules\/(twilio|xmlbuilder)\//.test(path))).toEqual([]);
    for (const name of assets.keys()) expect(inputsOf(name).filter((path) => path.includes('@aws-sdk/nested-clients'))).toEqual([]);
  });

  it('GraphQL: answers 401 without a key, 400 for malformed GraphQL or JSON, and runs a query', async () => {
    const key = await issueApiKey(store, { kind: 'ADMIN' }, 'bundle test', new Date());
    const json = { 'content-type': 'application/json' };
    const auth = { ...json, authorization: `Bearer ${key}` };
    const [noKey, malformed, notJson, ok, introspection] = await invoke('graphql', 'handler', [
      httpEvent('/graphql', JSON.stringify({ query: '{ __typename }' }), json),
      httpEvent('/graphql', JSON.stringify({ query: '{ __typename' }), auth),
      httpEvent('/graphql', '{ "query": ', auth),
      httpEvent('/graphql', JSON.stringify({ query: '{ __typename }' }), auth),
      httpEvent('/graphql', JSON.stringify({ query: '{ __schema { types { name } } }' }), auth),
    ]);
    // As deployed without the explorer parameter: no introspection; every error names its request.
    expect(introspection.statusCode).toBe(400);
    expect(JSON.parse(introspection.body).errors[0].message).toMatch(/introspection is not allowed/);
    expect(JSON.parse(introspection.body).errors[0].extensions.requestId).toBe(introspection.headers['x-request-id']);
    expect(noKey.statusCode).toBe(401);
    expect(JSON.parse(noKey.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(notJson.statusCode).toBe(400);
    expect(ok).toMatchObject({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(JSON.parse(ok.body)).toEqual({ data: { __typename: 'Query' }, extensions: { cost: { requested: 0, limit: 5000 } } });
  });

  it('SMS: refuses a bad signature and answers a signed message with TwiML', async () => {
    const params = { From: '+255754100077', Body: 'HELP', MessageSid: 'SMbundletest0001', To: '+255780000000' };
    const signature = getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/sms/twilio`, params);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams(params).toString();
    const [forged, signed] = await invoke('sms', 'handler', [
      httpEvent('/sms/twilio', body, { ...form, 'x-twilio-signature': 'forged' }),
      httpEvent('/sms/twilio', body, { ...form, 'x-twilio-signature': signature }),
    ]);
    expect(forged.statusCode).toBe(403);
    expect(signed.statusCode).toBe(200);
    expect(signed.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>.+<\/Message><\/Response>$/s);
  });

  it('USSD: refuses a wrong key and shows the first menu', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const body = new URLSearchParams({ sessionId: 'bundle-test-1', phoneNumber: '+255754100078', text: '' }).toString();
    const [wrongKey, menu] = await invoke('ussd', 'handler', [
      httpEvent('/ussd', body, form, 'key=wrong'),
      httpEvent('/ussd', body, form, `key=${USSD_API_KEY}`),
    ]);
    expect(wrongKey.statusCode).toBe(403);
    expect(menu).toMatchObject({ statusCode: 200, body: expect.stringMatching(/^CON /) });
  });

  it('the notifier, the SMS sender and the fan-out load and take an empty batch; the M-Pesa callback sweeps', async () => {
    expect(await invoke('notifier', 'handler', [{ Records: [] }])).toEqual([null]);
    expect(await invoke('sms-sender', 'handler', [{ Records: [] }])).toEqual([{ batchItemFailures: [] }]);
    expect(await invoke('fanout', 'handler', [{ Records: [] }])).toEqual([{ batchItemFailures: [] }]);
    const [sweep] = await invoke('mpesa-callback', 'sweep', [{}]);
    expect(sweep).toEqual({});
  });
});
