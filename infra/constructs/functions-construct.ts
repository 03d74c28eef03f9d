import { Aws, CfnCondition, CfnOutput, type CfnParameter, Duration, Fn, type Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { SERVICES } from '../../core/telemetry/index.js';
import type { VillageTradeData } from './data-construct.js';
import { VillageTradeNotifications } from './notifications-construct.js';
import { numberParameter, textParameter } from './stack-parameters.js';
import { type TableAction, VillageFunction } from './village-function.js';

/**
 * What the GraphQL schema sends, which every channel runs. No ConditionCheckItem: no transaction of ours
 * checks an item it does not write.
 */
const CHANNEL_ACTIONS: TableAction[] = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'];

/**
 * Every Lambda function with its settings, its table actions, secrets and queues, what invokes the ones
 * no route calls (the stream and the queues: notifications-construct.ts; the schedules), and the Failures
 * queue where what failed for good is kept. Each function's table actions are those its code sends (the
 * transactions' as their items' actions).
 */
export class VillageTradeFunctions {
  readonly graphql: VillageFunction;
  readonly sms: VillageFunction;
  readonly ussd: VillageFunction;
  /** The OAuth 2.0 endpoints apps call: metadata, token, revocation and backchannel consent. */
  readonly oauth: VillageFunction;
  readonly mpesaCallback: VillageFunction;
  readonly mobileMoneySweeper: VillageFunction;
  readonly weeklyPrices: VillageFunction;
  /** The stream's notifier, the SMS senders, the fan-out jobs and their queues. */
  readonly notifications: VillageTradeNotifications;
  /**
   * Where a failed stream batch, a page or job received too often, or a failed scheduled run is kept,
   * for a person to look at (monitoring alarms on it) and `npm run replay-failures` to queue again.
   */
  readonly failures: Queue;

  constructor(stack: Stack, data: VillageTradeData, publicUrl: string) {
    const { table, secrets } = data;
    const env = environments(stack, data, publicUrl);
    this.graphql = new VillageFunction(stack, 'Graphql', {
      entry: 'functions/graphql.ts',
      service: SERVICES.graphql,
      environment: env.graphql,
      table,
      tableAccess: { actions: CHANNEL_ACTIONS, queriesIndexes: true },
      secrets: [secrets.mpesa],
    });
    this.sms = new VillageFunction(stack, 'Sms', {
      entry: 'functions/sms.ts',
      service: SERVICES.sms,
      environment: env.sms,
      table,
      tableAccess: { actions: CHANNEL_ACTIONS, queriesIndexes: true },
      secrets: [secrets.twilio, secrets.mpesa],
    });
    this.ussd = new VillageFunction(stack, 'Ussd', {
      entry: 'functions/ussd.ts',
      service: SERVICES.ussd,
      environment: env.ussd,
      table,
      tableAccess: { actions: CHANNEL_ACTIONS, queriesIndexes: true },
      secrets: [secrets.ussd, secrets.mpesa],
    });
    // Tokens, grants and consent requests by key (transactions as their items' actions), and a phone's waiting requests from gsi1.
    this.oauth = new VillageFunction(stack, 'OAuth', {
      entry: 'functions/oauth.ts',
      service: SERVICES.oauth,
      environment: env.common,
      table,
      tableAccess: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], queriesIndexes: true },
      secrets: [],
    });
    this.failures = new Queue(stack, 'Failures', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    new CfnOutput(stack, 'FailuresQueueUrl', {
      description: 'What failed for good; npm run replay-failures queues it again',
      value: this.failures.queueUrl,
    });
    this.notifications = new VillageTradeNotifications(stack, data, this.failures, env.common);
    [this.mpesaCallback, this.mobileMoneySweeper, this.weeklyPrices] = paymentAndPriceFunctions(stack, data, env, this.notifications);
    this.invokeOnSchedules(stack);
    reserveInstances(
      stack,
      this.ussd,
      numberParameter(stack, 'UssdReservedConcurrency', 'Instances kept for USSD, whatever GraphQL does; 0: none kept', 20),
    );
    reserveInstances(
      stack,
      this.mpesaCallback,
      numberParameter(stack, 'MpesaReservedConcurrency', 'Instances kept for the M-Pesa callback; 0: none kept', 5),
    );
  }

  get all(): VillageFunction[] {
    return [
      this.graphql,
      this.sms,
      this.ussd,
      this.oauth,
      ...this.notifications.all,
      this.mpesaCallback,
      this.mobileMoneySweeper,
      this.weeklyPrices,
    ];
  }

  private invokeOnSchedules(stack: Stack): void {
    for (const [name, sweep, every] of [
      ['MobileMoneySweepSchedule', this.mobileMoneySweeper, Duration.minutes(5)],
      ['WeeklyPricesSchedule', this.weeklyPrices, Duration.hours(1)],
    ] as const) {
      sweep.fn.configureAsyncInvoke({ onFailure: new SqsDestination(this.failures), retryAttempts: 2 });
      new Rule(stack, name, {
        schedule: Schedule.rate(every),
        targets: [new LambdaFunction(sweep.fn, { deadLetterQueue: this.failures, retryAttempts: 2 })],
      });
    }
  }
}

/** The M-Pesa callback and the sweeper of unpaid mobile-money orders, and the start of the weekly price messages. */
function paymentAndPriceFunctions(
  stack: Stack,
  { table, secrets }: VillageTradeData,
  env: ReturnType<typeof environments>,
  { fanoutQueue, queueSettings }: VillageTradeNotifications,
) {
  // Settles a payment in one transaction: the request and the order updated, the payment put, the order off the unpaid list.
  const mpesaCallback = new VillageFunction(stack, 'MpesaCallback', {
    entry: 'functions/mpesa-callback.ts',
    service: SERVICES.mpesaCallback,
    environment: env.payments,
    table,
    tableAccess: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], queriesIndexes: false },
    secrets: [secrets.mpesa],
  });
  // Reads the list of unpaid mobile-money orders (a list of the table, not of an index) and settles or cancels each.
  const mobileMoneySweeper = new VillageFunction(stack, 'MobileMoneySweeper', {
    entry: 'functions/mpesa-callback.ts',
    handler: 'sweep',
    service: SERVICES.mpesaCallback,
    timeout: Duration.seconds(60),
    environment: env.payments,
    table,
    tableAccess: { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'], queriesIndexes: false },
    secrets: [secrets.mpesa],
  });
  // Every hour, the job that lists the phones whose hour of the week it is (spread over 168 hours): one
  // message on the Fanout queue, and no table access (its store is made at cold start, never called).
  const weeklyPrices = new VillageFunction(stack, 'WeeklyPrices', {
    entry: 'functions/weekly-prices.ts',
    service: SERVICES.weeklyPrices,
    environment: { ...env.common, ...queueSettings },
    table,
    tableAccess: { actions: [], queriesIndexes: false },
    secrets: [],
    sendsTo: [fanoutQueue],
  });
  return [mpesaCallback, mobileMoneySweeper, weeklyPrices] as const;
}

/** Each function's settings: the table, the public URL, and the parameters that concern it. */
function environments(stack: Stack, { table, secrets }: VillageTradeData, publicUrl: string) {
  const common = { TABLE_NAME: table.tableName, PUBLIC_URL: publicUrl };
  // Every function that takes orders may start an M-Pesa payment, and the callback and its sweeper settle them: all carry its settings.
  const payments = {
    ...common,
    MPESA_SECRET_NAME: secrets.mpesa.secretName,
    MPESA_BASE_URL: textParameter(stack, 'MpesaBaseUrl', 'Daraja base URL', 'https://sandbox.safaricom.co.ke').valueAsString,
    MPESA_SHORTCODE: textParameter(stack, 'MpesaShortCode', 'The paybill or till number; empty: mobile money is off', '').valueAsString,
    MOBILE_MONEY_EXPIRY_MINUTES: textParameter(
      stack,
      'MobileMoneyExpiryMinutes',
      'Unpaid mobile-money orders are cancelled after this long',
      '60',
    ).valueAsString,
  };
  const explorer = textParameter(
    stack,
    'GraphqlExplorer',
    'on: GraphQL introspection and the explorer page at GET /graphql (off in production).',
    'off',
    ['on', 'off'],
  );
  const smsRateLimits = textParameter(
    stack,
    'SmsRateLimits',
    'SMS commands a phone may send in 10 minutes, by its busiest role',
    'buyer=30,seller=60,partner=120',
  );
  return {
    common,
    payments,
    graphql: { ...payments, GRAPHQL_EXPLORER: explorer.valueAsString },
    sms: { ...payments, TWILIO_SECRET_NAME: secrets.twilio.secretName, SMS_RATE_LIMITS: smsRateLimits.valueAsString },
    ussd: { ...payments, USSD_SECRET_NAME: secrets.ussd.secretName },
  };
}

/** Reserved instances for the channels that must answer in seconds: a GraphQL flood cannot take them. */
function reserveInstances(stack: Stack, village: VillageFunction, instances: CfnParameter): void {
  const kept = new CfnCondition(stack, `${village.node.id}Reserved`, {
    expression: Fn.conditionNot(Fn.conditionEquals(instances.valueAsNumber, 0)),
  });
  (village.fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = Fn.conditionIf(
    kept.logicalId,
    instances.valueAsNumber,
    Aws.NO_VALUE,
  ) as unknown as number;
}
