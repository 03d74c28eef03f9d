import { fileURLToPath } from 'node:url';
import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, type StreamEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableSchema } from '../core/db/index.js';
import { functionBundling } from './function-bundling.js';

// Resolved from this file rather than process.cwd() so synth and tests work from any directory.
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const fromProjectRoot = (relativePath: string) => fileURLToPath(new URL(`../${relativePath}`, import.meta.url));

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** One of our Lambda functions, bundled from functions/, with its logs and two alarms. */
class VillageFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(
    scope: Construct,
    id: string,
    props: { entry: string; handler?: string; environment: Record<string, string>; timeout?: Duration },
  ) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fromProjectRoot(props.entry),
      handler: props.handler ?? 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      // Source maps make logged stack traces point at our TypeScript, not the minified bundle.
      // Production: libraries (Apollo Server among them) leave their development aids off.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps', NODE_ENV: 'production' },
      logGroup,
      // JSON log lines carry the level, so a metric filter can count console.error (our fault log) alone.
      loggingFormat: lambda.LoggingFormat.JSON,
      projectRoot,
      depsLockFilePath: fromProjectRoot('package-lock.json'),
      // The same options the bundle-size benchmark uses (infra/function-bundling.ts says why each).
      bundling: {
        format: OutputFormat.ESM,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourcemap,
        sourcesContent: functionBundling.sourcesContent,
        target: functionBundling.target,
        mainFields: [...functionBundling.mainFields],
        banner: functionBundling.banner,
        externalModules: [...functionBundling.external],
        esbuildArgs: { '--alias': Object.entries(functionBundling.alias).map(([module, substitute]) => `${module}=${substitute}`) },
      },
    });

    // Errors counts failed invocations (crash at cold start, timeout); handlers catch and log the rest.
    new Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${id} threw or timed out at least once in 5 minutes.`,
      metric: this.fn.metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    // Faults are the only thing our functions log with console.error; count them.
    const faults = logGroup.addMetricFilter('Faults', {
      filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
      metricNamespace: 'VillageTrade',
      metricName: `${id}Faults`,
      metricValue: '1',
    });
    new Alarm(this, 'FaultsAlarm', {
      alarmDescription: `A fault (a bug or an outage, not a business outcome) in ${id} in 5 minutes.`,
      metric: faults.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

export class VillageTradeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const twilioAuthToken = new CfnParameter(this, 'TwilioAuthToken', {
      noEcho: true,
      description: "The Twilio account's auth token: checks webhook signatures and sends notifications.",
    });
    const ussdApiKey = new CfnParameter(this, 'UssdApiKey', {
      noEcho: true,
      description: "The secret the USSD aggregator's callback URL carries as ?key=.",
    });
    const secret = (id: string, description: string) =>
      new CfnParameter(this, id, { noEcho: true, default: '', description }).valueAsString;
    const plain = (id: string, description: string, fallback = '') =>
      new CfnParameter(this, id, { default: fallback, description }).valueAsString;
    const mpesaParameters = {
      MPESA_BASE_URL: plain('MpesaBaseUrl', 'Daraja base URL', 'https://sandbox.safaricom.co.ke'),
      MPESA_CONSUMER_KEY: secret('MpesaConsumerKey', 'Daraja consumer key; empty: mobile money is off'),
      MPESA_CONSUMER_SECRET: secret('MpesaConsumerSecret', 'Daraja consumer secret'),
      MPESA_SHORTCODE: plain('MpesaShortCode', 'The paybill or till number'),
      MPESA_PASSKEY: secret('MpesaPasskey', 'The Lipa na M-Pesa Online passkey'),
      MPESA_CALLBACK_SECRET: secret('MpesaCallbackSecret', 'The secret in the callback path /payments/mpesa/callback/<secret>'),
      MOBILE_MONEY_EXPIRY_MINUTES: plain('MobileMoneyExpiryMinutes', 'Unpaid mobile-money orders are cancelled after this long', '60'),
    };
    const twilioAccountSid = new CfnParameter(this, 'TwilioAccountSid', {
      default: '',
      description: 'Empty: notifications are logged, not sent.',
    });
    const twilioFrom = new CfnParameter(this, 'TwilioFrom', { default: '', description: 'The number (E.164) notifications come from.' });

    const table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Orders and payments are the business record: deleting the stack must never delete them.
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      // The outbox sender reads new notifications from the stream.
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      // Same shape as core/db/table-schema.ts gives DynamoDB Local, so local and deployed tables cannot drift.
      globalSecondaryIndexes: tableSchema.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });

    const httpApi = new HttpApi(this, 'HttpApi', { description: 'Village Trade: GraphQL, Twilio webhooks, USSD callbacks' });

    // Every function that takes orders may start an M-Pesa payment, so all carry its settings.
    const common = { TABLE_NAME: table.tableName, PUBLIC_URL: httpApi.apiEndpoint, ...mpesaParameters };
    const graphqlExplorer = new CfnParameter(this, 'GraphqlExplorer', {
      default: 'off',
      allowedValues: ['on', 'off'],
      description: 'on: GraphQL introspection and the explorer page at GET /graphql (off in production).',
    });
    const graphql = new VillageFunction(this, 'Graphql', {
      entry: 'functions/graphql.ts',
      environment: { ...common, GRAPHQL_EXPLORER: graphqlExplorer.valueAsString },
    });
    const sms = new VillageFunction(this, 'Sms', {
      entry: 'functions/sms.ts',
      environment: { ...common, TWILIO_AUTH_TOKEN: twilioAuthToken.valueAsString },
    });
    const ussd = new VillageFunction(this, 'Ussd', {
      entry: 'functions/ussd.ts',
      environment: { ...common, USSD_API_KEY: ussdApiKey.valueAsString },
    });
    const senderEnvironment = {
      ...common,
      TWILIO_AUTH_TOKEN: twilioAuthToken.valueAsString,
      TWILIO_ACCOUNT_SID: twilioAccountSid.valueAsString,
      TWILIO_FROM: twilioFrom.valueAsString,
    };
    const sender = new VillageFunction(this, 'OutboxSender', {
      entry: 'functions/outbox-sender.ts',
      timeout: Duration.seconds(60),
      environment: senderEnvironment,
    });
    // The safety net under the stream: sends what the stream gave up on or a dead sender left behind.
    const sweeper = new VillageFunction(this, 'OutboxSweeper', {
      entry: 'functions/outbox-sender.ts',
      handler: 'sweep',
      timeout: Duration.seconds(60),
      environment: senderEnvironment,
    });
    new Rule(this, 'OutboxSweepSchedule', { schedule: Schedule.rate(Duration.minutes(5)), targets: [new LambdaFunction(sweeper.fn)] });
    const mpesaCallback = new VillageFunction(this, 'MpesaCallback', { entry: 'functions/mpesa-callback.ts', environment: common });
    const mobileMoneySweeper = new VillageFunction(this, 'MobileMoneySweeper', {
      entry: 'functions/mpesa-callback.ts',
      handler: 'sweep',
      timeout: Duration.seconds(60),
      environment: common,
    });
    new Rule(this, 'MobileMoneySweepSchedule', {
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(mobileMoneySweeper.fn)],
    });
    for (const fn of [graphql.fn, sms.fn, ussd.fn, sender.fn, sweeper.fn, mpesaCallback.fn, mobileMoneySweeper.fn])
      table.grantReadWriteData(fn);

    const outboxEvents: StreamEventSourceProps = {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      // A few quick retries; the sweeper takes over from there.
      retryAttempts: 5,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      // Only new outbox items wake the sender.
      filters: [
        lambda.FilterCriteria.filter({
          eventName: lambda.FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: lambda.FilterRule.isEqual('Outbox') } } },
        }),
      ],
    };
    sender.fn.addEventSource(new DynamoEventSource(table, outboxEvents));

    httpApi.addRoutes({
      path: '/graphql',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('GraphqlIntegration', graphql.fn),
    });
    const smsIntegration = new HttpLambdaIntegration('SmsIntegration', sms.fn);
    httpApi.addRoutes({ path: '/sms/twilio', methods: [HttpMethod.POST], integration: smsIntegration });
    httpApi.addRoutes({ path: '/sms/status', methods: [HttpMethod.POST], integration: smsIntegration });
    httpApi.addRoutes({
      path: '/payments/mpesa/callback/{secret}',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('MpesaIntegration', mpesaCallback.fn),
    });
    const ussdIntegration = new HttpLambdaIntegration('UssdIntegration', ussd.fn);
    httpApi.addRoutes({ path: '/ussd', methods: [HttpMethod.POST], integration: ussdIntegration });
    httpApi.addRoutes({ path: '/ussd/events', methods: [HttpMethod.POST], integration: ussdIntegration });

    new CfnOutput(this, 'GraphqlUrl', { description: 'POST GraphQL requests here', value: `${httpApi.apiEndpoint}/graphql` });
    new CfnOutput(this, 'TwilioWebhookUrl', {
      description: "A Messaging webhook of the Twilio number: 'A message comes in', HTTP POST",
      value: `${httpApi.apiEndpoint}/sms/twilio`,
    });
    new CfnOutput(this, 'UssdCallbackUrl', {
      description: "The aggregator's callback URL; append ?key=<UssdApiKey>",
      value: `${httpApi.apiEndpoint}/ussd`,
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
