import { Aws, CfnCondition, type CfnParameter, Duration, Fn, type Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { SERVICES } from '../../core/telemetry/index.js';
import type { VillageTradeData } from './data-construct.js';
import { numberParameter, textParameter } from './stack-parameters.js';
import { type TableAction, VillageFunction } from './village-function.js';

/**
 * What the GraphQL schema sends, which every channel runs. No ConditionCheckItem: no transaction of ours
 * checks an item it does not write.
 */
const CHANNEL_ACTIONS: TableAction[] = ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'];

/**
 * Every Lambda function with its settings, its table actions and secrets, what invokes the ones no
 * route calls (the stream, the schedules), and the Failures queue where what failed for good is kept.
 * Each function's table actions are those its code sends (the transactions' as their items' actions).
 */
export class VillageTradeFunctions {
  readonly graphql: VillageFunction;
  readonly sms: VillageFunction;
  readonly ussd: VillageFunction;
  readonly outboxSender: VillageFunction;
  readonly outboxSweeper: VillageFunction;
  readonly mpesaCallback: VillageFunction;
  readonly mobileMoneySweeper: VillageFunction;
  readonly weeklyPrices: VillageFunction;
  /** Where a failed stream batch or a failed scheduled run is kept, for a person to look at (monitoring alarms on it). */
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
    // Reads a message and marks it sent or failed; the stream's reads are its event source mapping's grant.
    this.outboxSender = new VillageFunction(stack, 'OutboxSender', {
      entry: 'functions/outbox-sender.ts',
      service: SERVICES.outboxSender,
      timeout: Duration.seconds(60),
      environment: env.sender,
      table,
      tableAccess: { actions: ['GetItem', 'UpdateItem'], queriesIndexes: false },
      secrets: [secrets.twilio],
    });
    this.failures = new Queue(stack, 'Failures', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    // The safety net under the stream: sends what the stream gave up on or a dead sender left behind (the open messages' index).
    this.outboxSweeper = new VillageFunction(stack, 'OutboxSweeper', {
      entry: 'functions/outbox-sender.ts',
      handler: 'sweep',
      service: SERVICES.outboxSender,
      timeout: Duration.seconds(60),
      environment: env.sender,
      table,
      tableAccess: { actions: ['GetItem', 'Query', 'UpdateItem'], queriesIndexes: true },
      secrets: [secrets.twilio],
    });
    [this.mpesaCallback, this.mobileMoneySweeper, this.weeklyPrices] = paymentAndPriceFunctions(stack, data, env);
    this.invokeFromStreamAndSchedules(stack, data);
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
      this.outboxSender,
      this.outboxSweeper,
      this.mpesaCallback,
      this.mobileMoneySweeper,
      this.weeklyPrices,
    ];
  }

  private invokeFromStreamAndSchedules(stack: Stack, { table }: VillageTradeData): void {
    this.outboxSender.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        // A few quick retries; the sweeper takes over from there, and the batch is kept for a person to see.
        retryAttempts: 5,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failures),
        // Only new outbox items wake the sender.
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('Outbox') } } },
          }),
        ],
      }),
    );
    for (const [name, sweep, every] of [
      ['OutboxSweepSchedule', this.outboxSweeper, Duration.minutes(5)],
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

/** The M-Pesa callback and the sweeper of unpaid mobile-money orders, and the weekly price messages. */
function paymentAndPriceFunctions(stack: Stack, { table, secrets }: VillageTradeData, env: ReturnType<typeof environments>) {
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
  // Every hour, the weekly price messages of the phones whose hour of the week it is (spread over 168 hours):
  // it reads the hour's list and the markets' figures, and puts messages in the outbox.
  const weeklyPrices = new VillageFunction(stack, 'WeeklyPrices', {
    entry: 'functions/weekly-prices.ts',
    service: SERVICES.weeklyPrices,
    timeout: Duration.minutes(5),
    environment: env.common,
    table,
    tableAccess: { actions: ['Query', 'PutItem'], queriesIndexes: false },
    secrets: [],
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
    sender: { ...common, TWILIO_SECRET_NAME: secrets.twilio.secretName },
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
