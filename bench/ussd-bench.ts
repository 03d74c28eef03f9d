// Walks USSD buy journeys through the USSD Lambda handler against DynamoDB Local and prints the
// median latency of one hop and of a whole journey (8 hops, from the first screen to the order).
import { randomUUID } from 'node:crypto';
import { functionEnvironment } from '../local/local-settings.js';
import { DEMO_PHONES } from '../local/seed.js';
import { httpApiPost, lambdaContext, median, ms, percentile, REGION, recordDynamoCalls, startSeededDynamo } from './bench-support.js';

const WARMUP = 5;
const JOURNEYS = 60;
const TABLE = 'bench-ussd';
const KEY = 'bench-key';
const JOURNEY = ['1', '1', 'rice', '1', '1', '1', '1'];

const { dynamo } = await startSeededDynamo(TABLE, ['RICE5']);
try {
  Object.assign(process.env, {
    ...functionEnvironment({ tableName: TABLE, region: REGION, dynamoEndpoint: dynamo.endpoint }),
    USSD_API_KEY: KEY,
  });
  const { handler } = await import('../functions/ussd.js');
  const { store } = await import('../functions/function-instance.js');
  const recorder = recordDynamoCalls(store);

  const event = (sessionId: string, text: string) =>
    httpApiPost(
      '/ussd',
      { 'content-type': 'application/x-www-form-urlencoded' },
      new URLSearchParams({ sessionId, serviceCode: '*384#', phoneNumber: DEMO_PHONES.buyer, networkCode: '63902', text }).toString(),
      { key: KEY },
    );
  const context = lambdaContext;

  const hops: number[] = [];
  const hopCalls: number[] = [];
  const journeys: number[] = [];
  for (let j = 0; j < WARMUP + JOURNEYS; j++) {
    const sessionId = `ATUid_${randomUUID()}`;
    const started = performance.now();
    for (let h = 0; h <= JOURNEY.length; h++) {
      recorder.take();
      const hopStarted = performance.now();
      const result = await handler(event(sessionId, JOURNEY.slice(0, h).join('*')), context);
      const elapsed = performance.now() - hopStarted;
      const calls = recorder.take().length;
      if (h === JOURNEY.length && !/^END Order /.test(result.body ?? '')) throw new Error(`journey ${j}: ${result.body}`);
      if (j >= WARMUP) {
        hops.push(elapsed);
        hopCalls.push(calls);
      }
    }
    if (j >= WARMUP) journeys.push(performance.now() - started);
  }
  console.log(
    `USSD buy journeys through the USSD Lambda handler, DynamoDB Local, ${JOURNEYS} journeys of ${JOURNEY.length + 1} hops (after ${WARMUP} warm-up)`,
  );
  console.log(`  one hop:           median ${ms(median(hops))}, p95 ${ms(percentile(hops, 0.95))}, max ${ms(Math.max(...hops))}`);
  console.log(`  DynamoDB calls:    median ${median(hopCalls)} per hop`);
  console.log(`  whole journey:     median ${ms(median(journeys))}, p95 ${ms(percentile(journeys, 0.95))}`);
} finally {
  await dynamo.stop();
}
