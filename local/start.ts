import { randomBytes, randomUUID } from 'node:crypto';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { issueApiKey, type Principal, registerApiKey } from '../core/access/index.js';
import { createStore, ensureTable } from '../core/db/index.js';
import { type DarajaStandIn, startDarajaStandIn } from './daraja-stand-in.js';
import { registerDemoApp } from './demo-app.js';
import { JAVA_HELP, javaMajorVersion, type RunningDynamoDb, startDynamoDbLocal } from './dynamodb-local.js';
import { startHttpServer } from './http-server.js';
import { type HttpApiHandler, lambdaContext } from './lambda-http.js';
import { type LocalQueues, startLocalQueues } from './local-queues.js';
import { functionEnvironment, LOCAL_TWILIO_AUTH_TOKEN, readLocalConfig } from './local-settings.js';
import { startNotificationPipeline } from './notification-pipeline.js';
import { DEMO_CENTER_CODE, DEMO_CURRENCY, DEMO_OTHER_CENTER_CODE, DEMO_PHONES, isSeeded, readDemoIds, seedDemoData } from './seed.js';
import { simulatorApi } from './simulator-api.js';
import { type SmsNetwork, startSmsNetwork } from './sms-network.js';
import { webPages } from './web-pages.js';

const REGION = 'us-east-1';
const DEMO_KEY_SECONDS = 24 * 60 * 60;

async function main(): Promise<void> {
  const config = readLocalConfig();
  let dynamo: RunningDynamoDb | null = null;
  // Set before DynamoDB Local starts: exiting runs its kill hook, so no Java process outlives us.
  let stopPoller = async () => {};
  let daraja: DarajaStandIn | null = null;
  let smsNetwork: SmsNetwork | null = null;
  let queues: LocalQueues | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    // A second Ctrl-C (or the runner relaying the first) must not cut the shutdown short.
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    await stopPoller();
    await daraja?.close();
    await smsNetwork?.close();
    await dynamo?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (!config.dynamoEndpoint) {
    if ((javaMajorVersion() ?? 0) < 17) {
      console.error(JAVA_HELP);
      process.exit(1);
    }
    dynamo = await startDynamoDbLocal(config.inMemory ? null : '.data/dynamodb');
  }
  const endpoint = config.dynamoEndpoint ?? dynamo!.endpoint;

  const store = createStore({ tableName: config.tableName, region: REGION, endpoint });
  const now = new Date();
  await ensureTable(store);
  // A restart finds the table seeded: the ids the README's examples need are read back, for every banner to show them.
  const demo = (await isSeeded(store)) ? await readDemoIds(store) : await seedDemoData(store, now);

  const adminKey = config.adminApiKey ?? `vt_admin_${randomBytes(18).toString('base64url')}`;
  await registerApiKey(store, adminKey, { kind: 'ADMIN' }, 'admin', now, config.adminApiKey ? undefined : DEMO_KEY_SECONDS);
  // The banner's label, GraphiQL's, and whose key it is; GraphiQL sends the first by default.
  const demoKeys: [string, string, Principal][] = [
    [`buyer   ${DEMO_PHONES.buyer}`, 'buyer', { kind: 'PHONE', phone: DEMO_PHONES.buyer }],
    [`seller  ${DEMO_PHONES.seller} (RICE5, BEANS2, MAIZE10)`, "seller (Amina's Grains)", { kind: 'PHONE', phone: DEMO_PHONES.seller }],
    [
      `seller  ${DEMO_PHONES.secondSeller} (SEED2, FERT50, HOE1)`,
      'seller (Baraka Farm Supplies)',
      { kind: 'PHONE', phone: DEMO_PHONES.secondSeller },
    ],
    [`partner ${DEMO_PHONES.partner} (center ${DEMO_CENTER_CODE})`, 'partner', { kind: 'PHONE', phone: DEMO_PHONES.partner }],
    ['app     (read-only)', 'app (read-only)', { kind: 'APP', name: 'demo-app' }],
  ];
  const issued = await Promise.all(
    demoKeys.map(async ([label, pageLabel, principal]) => ({
      label,
      pageLabel,
      key: await issueApiKey(store, principal, `demo ${label}`, now, DEMO_KEY_SECONDS),
    })),
  );

  const demoApp = await registerDemoApp(store, now);

  // Listen first: the public URL Twilio signs includes the port, and PORT=0 picks one.
  const { url, route } = await startHttpServer(config.port);
  const publicUrl = config.publicUrl ?? url;
  daraja = config.mobileMoney === 'local' ? await startDarajaStandIn(DEMO_CURRENCY) : null;
  queues = await startLocalQueues(REGION);
  const twilioAccount = config.twilioAccountSid && config.twilioFrom ? { sid: config.twilioAccountSid, from: config.twilioFrom } : null;
  smsNetwork = twilioAccount ? null : await startSmsNetwork(config.twilioAuthToken);

  // The handlers read their configuration at import, exactly as on Lambda.
  Object.assign(process.env, {
    ...functionEnvironment({ tableName: config.tableName, region: REGION, dynamoEndpoint: endpoint }),
    TWILIO_AUTH_TOKEN: config.twilioAuthToken,
    USSD_API_KEY: config.ussdApiKey,
    ...config.mobileMoneyEnvironment,
    ...config.sendingEnvironment,
    ...queues.environment,
    ...daraja?.environment(randomBytes(18).toString('base64url')),
    PUBLIC_URL: publicUrl,
    // Locally the schema may be explored; in the cloud only when the stack's parameter says so.
    GRAPHQL_EXPLORER: 'on',
    ...(twilioAccount ? { TWILIO_ACCOUNT_SID: twilioAccount.sid, TWILIO_FROM: twilioAccount.from } : smsNetwork?.environment),
  });
  const graphql = (await import('../functions/graphql.js')).handler as HttpApiHandler;
  const sms = (await import('../functions/sms.js')).handler;
  const ussd = (await import('../functions/ussd.js')).handler;
  const oauth = (await import('../functions/oauth.js')).handler as HttpApiHandler;
  const { handler: mpesaCallback, sweep: sweepMobileMoney } = await import('../functions/mpesa-callback.js');
  const { handler: notifier } = await import('../functions/notifier.js');
  const { handler: smsSender } = await import('../functions/sms-sender.js');
  const { handler: fanout } = await import('../functions/fanout.js');
  const { handler: webhookSender } = await import('../functions/webhook-sender.js');
  const { handler: weeklyPrices } = await import('../functions/weekly-prices.js');
  route({
    lambdas: {
      '/graphql': { name: 'graphql', handler: graphql },
      '/sms/twilio': { name: 'sms', handler: sms },
      '/sms/status': { name: 'sms', handler: sms },
      '/ussd': { name: 'ussd', handler: ussd },
      '/ussd/events': { name: 'ussd', handler: ussd },
      '/.well-known/oauth-authorization-server': { name: 'oauth', handler: oauth },
      '/oauth/token': { name: 'oauth', handler: oauth },
      '/oauth/revoke': { name: 'oauth', handler: oauth },
      '/oauth/bc-authorize': { name: 'oauth', handler: oauth },
      '/payments/mpesa/callback/{secret}': { name: 'mpesa-callback', handler: mpesaCallback },
    },
    local: [
      webPages({
        phones: [
          { role: 'buyer', phone: DEMO_PHONES.buyer },
          ...demo.shops.map((shop) => ({ role: `seller, ${shop.name}`, phone: shop.ownerPhone })),
          { role: `partner, ${DEMO_CENTER_CODE}`, phone: DEMO_PHONES.partner },
        ],
        keys: [...issued.map(({ pageLabel, key }) => ({ label: pageLabel, key })), { label: 'admin', key: adminKey }],
      }),
      simulatorApi({
        serverUrl: url,
        publicUrl,
        twilioAuthToken: config.twilioAuthToken,
        ussdApiKey: config.ussdApiKey,
        smsNetwork,
        daraja,
        demoApp,
      }),
    ],
    health: async () => {
      try {
        await store.doc.send(new DescribeTableCommand({ TableName: config.tableName }));
        return true;
      } catch {
        return false;
      }
    },
  });
  const pipeline = await startNotificationPipeline(
    { store, dynamoEndpoint: endpoint, region: REGION, queues, senders: Number(config.sendingEnvironment.SMS_SENDERS) },
    { notifier, smsSender, fanout, webhookSender },
  );
  // The cloud runs the sweeper and the weekly prices on schedules; locally, every minute (a week's message is listed once).
  const sweeper = setInterval(() => {
    sweepMobileMoney({}, lambdaContext('mobile-money-sweeper', randomUUID())).catch((error: unknown) => console.error(String(error)));
    weeklyPrices({}, lambdaContext('weekly-prices', randomUUID())).catch((error: unknown) => console.error(String(error)));
  }, 60_000);
  stopPoller = async () => {
    clearInterval(sweeper);
    await pipeline.stop();
    await queues?.stop();
  };

  const mpesaLine = {
    local: `a local Daraja stand-in on ${daraja?.baseUrl}; answer payment requests in the simulator`,
    daraja: 'Daraja as the MPESA_* settings say',
    off: 'off (LOCAL_MPESA=off)',
  }[config.mobileMoney];
  console.log(
    [
      '',
      `Village trade backend on ${url}`,
      `  Phone simulator: ${url}/simulator   GraphiQL: ${url}/graphql`,
      `  POST ${url}/graphql   GET ${url}/health`,
      `  POST ${publicUrl}/sms/twilio (Twilio inbound webhook)   POST ${publicUrl}/sms/status (status callback)`,
      `  Twilio signatures checked with ${config.twilioAuthToken === LOCAL_TWILIO_AUTH_TOKEN ? `the local token "${LOCAL_TWILIO_AUTH_TOKEN}"` : 'TWILIO_AUTH_TOKEN'}`,
      `  POST ${publicUrl}/ussd?key=${config.ussdApiKey} (USSD callback)   POST ${publicUrl}/ussd/events?key=... (session ends)`,
      `  Notifications: ${twilioAccount ? `sent with Twilio from ${twilioAccount.from}` : 'to a local stand-in for Twilio (no TWILIO_ACCOUNT_SID and TWILIO_FROM): printed, and shown in the simulator'}`,
      `  M-Pesa: ${mpesaLine}`,
      `  DynamoDB ${endpoint} table ${config.tableName}${dynamo ? (config.inMemory ? ' (in memory)' : ' (data in .data/)') : ''}`,
      '',
      `Demo village ${demo.villageId} (service center ${DEMO_CENTER_CODE})`,
      ...demo.shops.map((shop) => `  shop ${shop.id} ${shop.name}, seller ${shop.ownerPhone}`),
      `Second village Kilema (service center ${DEMO_OTHER_CENTER_CODE}, partner ${DEMO_PHONES.otherPartner}; buyer ${DEMO_PHONES.otherBuyer}):`,
      `  its orders of Mwanga's goods are dropped off at ${DEMO_CENTER_CODE} first (add these phones in the simulator)`,
      '',
      `Admin key${config.adminApiKey ? ' (from ADMIN_API_KEY)' : ' (valid 24 h)'}: ${adminKey}`,
      'Demo keys (valid 24 h):',
      ...issued.map(({ label, key }) => `  ${label}: ${key}`),
      `Demo app "Demo Coop" (OAuth client; npm run example-app uses it): client_id ${demoApp.clientId} client_secret ${demoApp.clientSecret}`,
      `  metadata: GET ${url}/.well-known/oauth-authorization-server   webhooks to ${demoApp.webhookUrl}`,
      '',
      `More keys: DYNAMODB_ENDPOINT=${endpoint} TABLE_NAME=${config.tableName} npm run create-key -- --phone +2557...`,
      `Notifications that failed for good: ${Object.entries({
        ...queues.environment,
        FAILURES_QUEUE_URL: queues.urls.failures,
        DYNAMODB_ENDPOINT: endpoint,
        TABLE_NAME: config.tableName,
      })
        .map(([name, value]) => `${name}=${value}`)
        .join(' ')} npm run replay-failures`,
      'Ctrl-C stops the server and DynamoDB Local.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message ?? error);
  process.exit(1);
});
