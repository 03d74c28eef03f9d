// Cold start of each Lambda function as the stack deploys it: the stack is synthesized as `cdk synth` does
// it, and each asset's index.mjs (its handler module, beside its source map) is imported by a fresh Node
// process with the functions' settings, as Lambda imports it, against a fresh Node process that does
// nothing; measured side by side in one run, interleaved, so the machine's speed cancels out of the ratio.
// Then the first request of the GraphQL, SMS and USSD functions: a fresh process imports the asset and
// times its handler's first call, against DynamoDB Local.

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { issueApiKey } from '../core/access/index.js';
import { synthesizeFunctionAssets } from '../infra/function-assets.js';
import { functionEnvironment } from '../local/local-settings.js';
import { inboundSmsRequest } from '../local/twilio-webhook-request.js';
import { httpApiPost, median, REGION, startSeededDynamo } from './bench-support.js';

const RUNS = 21;
const FIRST_REQUEST_RUNS = 11;
const WARMUP = 2;
const TABLE = 'bench-cold-start';
const PUBLIC_URL = 'https://bench.invalid';
const TWILIO_AUTH_TOKEN = 'bench-token';
const USSD_API_KEY = 'bench-key';
const CLOUD_ASSEMBLY = fileURLToPath(new URL('../cdk.out', import.meta.url));

/** What each channel's first request must answer: the products found, a reply, the first menu. */
const EXPECTED_ANSWER: Record<string, RegExp> = {
  graphql: /^\{"data":\{"products":\{"nodes":\[\{/,
  sms: /<Message>.+<\/Message>/s,
  ussd: /^CON /,
};

/** Runs each target once a round, in a different order each round, and returns each one's results after the warm-up. */
function interleaved<T>(targets: string[], rounds: number, run: (target: string) => T): Map<string, T[]> {
  const results = new Map<string, T[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < WARMUP + rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + round) % targets.length]!;
      const result = run(target);
      if (round >= WARMUP) results.get(target)!.push(result);
    }
  }
  return results;
}

const assets = synthesizeFunctionAssets(CLOUD_ASSEMBLY);
const handlerModule = (name: string) => pathToFileURL(join(assets.find((asset) => asset.name === name)!.directory, 'index.mjs')).href;
let stopDynamo: (() => Promise<void>) | undefined;
const directory = await mkdtemp(join(tmpdir(), 'village-trade-cold-'));
try {
  const importAndExit = join(directory, 'import-and-exit.mjs');
  await writeFile(importAndExit, 'await import(process.argv[2]);\nprocess.exit(0);\n');
  const firstRequest = join(directory, 'first-request.mjs');
  await writeFile(
    firstRequest,
    `const { handler } = await import(process.argv[2]);
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000 };
const started = performance.now();
const result = await handler(JSON.parse(process.argv[3]), context);
process.stdout.write(JSON.stringify({ ms: performance.now() - started, result }));
process.exit(0);
`,
  );

  // What the stack gives the functions (infra/constructs/village-function.ts), with made-up secrets:
  // every setting read at cold start is present.
  const env = {
    PATH: process.env.PATH ?? '',
    ...functionEnvironment({ tableName: TABLE, region: REGION, dynamoEndpoint: undefined }),
    PUBLIC_URL,
    TWILIO_AUTH_TOKEN,
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_FROM: '+15005550006',
    USSD_API_KEY,
    OUTGOING_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/Outgoing',
    FANOUT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/Fanout',
    WEBHOOKS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/Webhooks',
    // As on Lambda: role credentials in the environment, production mode.
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    // Not the stack's NODE_OPTIONS=--enable-source-maps: it would slow the empty process too (46 ms
    // instead of 33 here) and so flatter the ratios; the goal's figures were taken without it.
    NODE_ENV: 'production',
  };
  const spawn = (name: string, args: string[], extraEnv: Record<string, string> = {}) => {
    const child = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.status !== 0) throw new Error(`${name} failed (exit ${child.status}):\n${child.stderr}`);
    return child.stdout.toString();
  };

  const loadBefore = loadavg()[0]!;
  const imports = interleaved(['empty', ...assets.map((asset) => asset.name)], RUNS, (name) => {
    const started = performance.now();
    spawn(name, name === 'empty' ? ['-e', ''] : [importAndExit, handlerModule(name)]);
    return performance.now() - started;
  });

  const loadAfter = loadavg()[0]!;
  // DynamoDB Local runs only now, so that it takes no time from the imports above.
  const { dynamo, store } = await startSeededDynamo(TABLE);
  stopDynamo = dynamo.stop;
  const apiKey = await issueApiKey(store, { kind: 'ADMIN' }, 'cold-start bench', new Date());
  // Each run a new phone, message and session: a first request, never a repeat or a rate-limited one.
  let phones = 0;
  const newPhone = () => `+2557549${String(++phones).padStart(5, '0')}`;
  const firstEvents: Record<string, () => unknown> = {
    graphql: () =>
      httpApiPost(
        '/graphql',
        { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        JSON.stringify({ query: '{ products(search: "rice", first: 20) { nodes { id code name price { formatted } stock } } }' }),
      ),
    sms: () => {
      const sms = inboundSmsRequest(PUBLIC_URL, TWILIO_AUTH_TOKEN, {
        from: newPhone(),
        body: 'FIND rice',
        messageSid: `SM${randomUUID().replace(/-/g, '')}`,
      });
      return httpApiPost(
        '/sms/twilio',
        { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sms.signature },
        sms.body,
      );
    },
    ussd: () =>
      httpApiPost(
        '/ussd',
        { 'content-type': 'application/x-www-form-urlencoded' },
        new URLSearchParams({ sessionId: randomUUID(), phoneNumber: newPhone(), text: '' }).toString(),
        { key: USSD_API_KEY },
      ),
  };
  const firstRequests = interleaved(Object.keys(firstEvents), FIRST_REQUEST_RUNS, (name) => {
    const { ms, result } = JSON.parse(
      spawn(name, [firstRequest, handlerModule(name), JSON.stringify(firstEvents[name]!())], { DYNAMODB_ENDPOINT: dynamo.endpoint })
        .split('\n')
        .at(-1)!,
    );
    if (result.statusCode !== 200 || !EXPECTED_ANSWER[name]!.test(result.body)) {
      throw new Error(`${name}: first request answered ${result.statusCode}: ${result.body}`);
    }
    return ms as number;
  });

  const empty = median(imports.get('empty')!);
  console.log(
    `Cold import of each deployed function (its asset's index.mjs): a Node process that imports it and exits, ${RUNS} runs interleaved with an empty Node process; then the first request after the import (${FIRST_REQUEST_RUNS} runs, DynamoDB Local)`,
  );
  // Other work on the machine slows the empty process less than an import, and so shrinks the ratio.
  console.log(
    `  (load average over 1 minute: ${loadBefore.toFixed(1)} before the imports, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores)`,
  );
  console.log(`  empty node process:      median ${empty.toFixed(0)} ms (1.00x)`);
  for (const { name } of assets) {
    const ms = median(imports.get(name)!);
    const first = firstRequests.get(name);
    console.log(
      `  ${`${name} function:`.padEnd(24)} median ${ms.toFixed(0)} ms (${(ms / empty).toFixed(2)}x the empty process; import ${(ms - empty).toFixed(0)} ms)${first ? `; first request median ${median(first).toFixed(0)} ms` : ''}`,
    );
  }
  const ratios = Object.keys(firstEvents).map((name) => `${name} ${(median(imports.get(name)!) / empty).toFixed(2)}x`);
  const met = Object.keys(firstEvents).every((name) => median(imports.get(name)!) <= 3 * empty);
  console.log(`Goal (GraphQL, SMS and USSD import within 3x an empty Node process): ${met ? 'met' : 'missed'} (${ratios.join(', ')})`);
} finally {
  await rm(directory, { recursive: true, force: true });
  await stopDynamo?.();
}
