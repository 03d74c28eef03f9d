// What an app's OAuth access token costs a GraphQL request over an API key: the same request
// (the buyer's orders) through the GraphQL Lambda handler against DynamoDB Local, once with the
// buyer's API key and once with an app's token for the buyer, taking turns; DynamoDB calls per
// request and the median time of each. Then the token's grant is revoked and the next request is
// tried: a revocation must take effect at once, which is why the token is read at every request.
import { issueApiKey } from '../core/access/index.js';
import { decideConsent, listPendingConsents, pollConsent, registerApp, revokeGrant, startConsent } from '../core/apps/index.js';
import { functionEnvironment } from '../local/local-settings.js';
import { DEMO_PHONES } from '../local/seed.js';
import { httpApiPost, lambdaContext, median, ms, ok, REGION, recordDynamoCalls, startSeededDynamo } from './bench-support.js';

const WARMUP = 30;
const REQUESTS = 300;
const TABLE = 'bench-token-check';
const BUYER = DEMO_PHONES.buyer;

const { dynamo, store: seedStore, admin } = await startSeededDynamo(TABLE);
try {
  const apiKey = await issueApiKey(seedStore, { kind: 'PHONE', phone: BUYER }, 'bench', new Date());
  // An app the buyer let in, as an app gets its token: consent asked, allowed with the code sent, polled.
  const { app } = ok(await registerApp(admin, { name: 'Bench app', scopes: ['orders.read'] }, true), 'registerApp');
  const asked = await startConsent(
    seedStore,
    app,
    { loginHint: BUYER, scope: 'orders.read', bindingMessage: null, requestedExpiry: null },
    new Date(),
  );
  if ('error' in asked) throw new Error(asked.error_description);
  // Allowed as in the USSD Apps menu, where the phone itself is the proof: the waiting request chosen.
  const [waiting] = await listPendingConsents(seedStore, BUYER, new Date());
  await decideConsent(seedStore, BUYER, waiting!.requestHash, true, new Date());
  const tokens = await pollConsent(seedStore, app, asked.auth_req_id, new Date());
  if ('error' in tokens) throw new Error(tokens.error_description);

  Object.assign(process.env, functionEnvironment({ tableName: TABLE, region: REGION, dynamoEndpoint: dynamo.endpoint }));
  const { handler } = await import('../functions/graphql.js');
  const { store } = await import('../functions/function-instance.js');
  const recorder = recordDynamoCalls(store);
  const query = JSON.stringify({ query: '{ myOrders(first: 5) { ... on MyOrdersSuccess { data { nodes { code } } } } }' });
  const ask = async (bearer: string) => {
    const event = httpApiPost('/graphql', { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, query);
    recorder.take();
    const started = performance.now();
    const result = (await handler(event, lambdaContext, () => undefined)) as { statusCode: number };
    return { ms: performance.now() - started, status: result.statusCode, calls: recorder.take() };
  };

  const runs = { key: [] as number[], token: [] as number[] };
  const calls = { key: [] as string[][], token: [] as string[][] };
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    for (const kind of i % 2 ? (['token', 'key'] as const) : (['key', 'token'] as const)) {
      const answer = await ask(kind === 'key' ? apiKey : tokens.access_token);
      if (answer.status !== 200) throw new Error(`${kind}: answered ${answer.status}`);
      if (i < WARMUP) continue;
      runs[kind].push(answer.ms);
      calls[kind].push(answer.calls.map((call) => call.command));
    }
  }
  const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand']);
  const perRequest = (kind: 'key' | 'token', reads: boolean) =>
    calls[kind].reduce((sum, list) => sum + list.filter((command) => READS.has(command) === reads).length, 0) / REQUESTS;
  const tokenRead = (await ask(tokens.access_token)).calls.filter((call) => call.command === 'BatchGetItemCommand');
  const itemsRead = tokenRead.reduce(
    (sum, call) => sum + ((call.input.RequestItems as Record<string, { Keys: unknown[] }>)[TABLE]?.Keys.length ?? 0),
    0,
  );
  const extraReads = perRequest('token', true) - perRequest('key', true);
  const extraWrites = perRequest('token', false) - perRequest('key', false);
  const figures = (kind: 'key' | 'token') =>
    `${perRequest(kind, true).toFixed(2)} reads and ${perRequest(kind, false).toFixed(2)} writes a request`;
  console.log(
    `A token check on a GraphQL request: myOrders(first: 5) through the GraphQL Lambda handler, DynamoDB Local, ${REQUESTS} requests each way, taking turns`,
  );
  console.log(
    `  with an API key:      ${figures('key')} (the key is remembered by the instance for a minute), median ${ms(median(runs.key))}`,
  );
  console.log(`  with an access token: ${figures('token')}, median ${ms(median(runs.token))}`);
  console.log(
    `  the token adds ${extraReads.toFixed(2)} read (one BatchGetItem of ${itemsRead} items, the token and its app, strongly consistent: ${itemsRead} read units by DynamoDB's rules), ` +
      `${extraWrites.toFixed(2)} write (the app's request count of the minute, 1 write unit) and ${ms(median(runs.token) - median(runs.key))} to the median request`,
  );

  await revokeGrant(seedStore, BUYER, app.clientId, new Date());
  const afterRevocation = await ask(tokens.access_token);
  console.log(`  the next request after the grant is revoked: HTTP ${afterRevocation.status}`);
  const met = extraReads <= 1 && afterRevocation.status === 401;
  console.log(
    `Goal (at most 1 extra read a request, a revocation effective on the next request): ${met ? 'met' : 'NOT met'} (${extraReads.toFixed(2)} extra reads, HTTP ${afterRevocation.status} after revocation)`,
  );
} finally {
  await dynamo.stop();
}
