// Sends signed "ORDER 1 RICE5" webhooks to the SMS Lambda handler against DynamoDB Local and prints
// the DynamoDB calls each ORDER makes (goal: at most 3) and the median latency from webhook to TwiML next
// to the median time spent in its DynamoDB calls.
import { randomUUID } from 'node:crypto';
import { functionEnvironment } from '../local/local-settings.js';
import { inboundSmsRequest } from '../local/twilio-webhook-request.js';
import { httpApiPost, lambdaContext, median, ms, percentile, REGION, recordDynamoCalls, startSeededDynamo } from './bench-support.js';

const WARMUP = 20;
const MESSAGES = 200;
const TABLE = 'bench-sms';
const TOKEN = 'bench-token';
const PUBLIC_URL = 'https://bench.example';
// Twenty buyers, so that no phone passes the rate limit of 30 commands per 10 minutes.
const BUYERS = Array.from({ length: 20 }, (_, i) => `+2557542${String(i).padStart(5, '0')}`);

const { dynamo, admin } = await startSeededDynamo(TABLE, ['RICE5']);
try {
  Object.assign(process.env, {
    ...functionEnvironment({ tableName: TABLE, region: REGION, dynamoEndpoint: dynamo.endpoint }),
    TWILIO_AUTH_TOKEN: TOKEN,
    PUBLIC_URL,
  });
  const { handler } = await import('../functions/sms.js');
  const { store } = await import('../functions/function-instance.js');
  const { joinServiceCenter } = await import('../core/members/index.js');
  for (const phone of BUYERS) await joinServiceCenter({ ...admin, store, principal: { kind: 'PHONE', phone } }, 'MWG01');
  const recorder = recordDynamoCalls(store);

  const event = (i: number) => {
    const sms = inboundSmsRequest(PUBLIC_URL, TOKEN, {
      from: BUYERS[i % BUYERS.length]!,
      body: 'ORDER 1 RICE5',
      messageSid: `SM${randomUUID().replace(/-/g, '')}`,
    });
    return httpApiPost(
      '/sms/twilio',
      { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sms.signature },
      sms.body,
    );
  };
  const context = lambdaContext;

  const totals: number[] = [];
  const storage: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < WARMUP + MESSAGES; i++) {
    recorder.take();
    const started = performance.now();
    const result = await handler(event(i), context);
    const elapsed = performance.now() - started;
    const calls = recorder.take();
    if (!/<Message>Order [2-9A-HJ-NP-Z]{6}:/.test(result.body ?? '')) throw new Error(`message ${i}: ${result.body}`);
    if (i < WARMUP) continue;
    totals.push(elapsed);
    storage.push(calls.reduce((sum, call) => sum + call.ms, 0));
    roundTrips.push(calls.length);
  }
  console.log(
    `ORDER by SMS through the SMS Lambda handler (signed webhook to TwiML), DynamoDB Local, ${MESSAGES} messages (after ${WARMUP} warm-up)`,
  );
  console.log(`  DynamoDB calls per ORDER:         median ${median(roundTrips)}, most ${Math.max(...roundTrips)} (goal: at most 3)`);
  console.log(`  webhook to TwiML:                 median ${ms(median(totals))}, p95 ${ms(percentile(totals, 0.95))}`);
  console.log(`  its DynamoDB calls:               median ${ms(median(storage))}, p95 ${ms(percentile(storage, 0.95))}`);
  console.log(`  ratio (overhead over storage):    ${(median(totals) / median(storage)).toFixed(2)}x`);
} finally {
  await dynamo.stop();
}
