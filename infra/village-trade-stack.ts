import { fileURLToPath } from 'node:url';
import {
  Aspects,
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  type IAspect,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { type CfnApi, CfnRoute, type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, type StreamEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { tableSchema } from '../core/db/index.js';
import { METRICS, METRICS_NAMESPACE, SERVICES } from '../core/telemetry/index.js';
import { functionBundling } from './function-bundling.js';

// Resolved from this file rather than process.cwd() so synth and tests work from any directory.
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const fromProjectRoot = (relativePath: string) => fileURLToPath(new URL(`../${relativePath}`, import.meta.url));

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The table actions our functions use (TransactWriteItems is checked as its Put, Update, Delete and ConditionCheck). */
const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
};

interface VillageFunctionProps {
  entry: string;
  handler?: string;
  /** Powertools' service name: the `service` of its log lines and the dimension of its figures. */
  service: string;
  environment: Record<string, string>;
  timeout?: Duration;
}

/** One of our Lambda functions, bundled from functions/, with its logs, tracing and two alarms. */
class VillageFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: VillageFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fromProjectRoot(props.entry),
      handler: props.handler ?? 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...props.environment,
        // Source maps make logged stack traces point at our TypeScript, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        // Production: libraries (Apollo Server among them) leave their development aids off.
        NODE_ENV: 'production',
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      },
      logGroup,
      // Lambda's own lines (start, end, report) as JSON too; ours are Powertools' JSON objects, one a line.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      projectRoot,
      depsLockFilePath: fromProjectRoot('package-lock.json'),
      // The same options the bundle-size benchmark uses (infra/function-bundling.ts says why each).
      bundling: {
        format: OutputFormat.ESM,
        minify: functionBundling.minify,
        charset: Charset.UTF8,
        sourceMap: functionBundling.sourcemap,
        sourcesContent: functionBundling.sourcesContent,
        target: functionBundling.target,
        mainFields: [...functionBundling.mainFields],
        banner: functionBundling.banner,
        externalModules: [...functionBundling.external],
        esbuildArgs: {
          '--alias': Object.entries(functionBundling.alias).map(([module, substitute]) => `${module}=${substitute}`),
          '--legal-comments': functionBundling.legalComments,
        },
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
    // Faults are the only thing our functions log at ERROR (business outcomes are INFO or WARN); count them.
    const faults = logGroup.addMetricFilter('Faults', {
      filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
      metricNamespace: METRICS_NAMESPACE,
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

/** Makes the topic the action of every alarm in the stack, so that no alarm goes unheard. */
class AlarmsNotify implements IAspect {
  constructor(private readonly action: SnsAction) {}

  visit(node: IConstruct): void {
    if (node instanceof Alarm) node.addAlarmAction(this.action);
  }
}

/** A business figure the functions publish (core/telemetry/metric-names.ts), summed over 5 minutes. */
const figure = (metricName: string, service: string, dimensions: Record<string, string> = {}) =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service, ...dimensions },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

export class VillageTradeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const parameter = (id: string, description: string, fallback: string, allowedValues?: string[]) =>
      new CfnParameter(this, id, { default: fallback, description, allowedValues });
    const numberParameter = (id: string, description: string, fallback: number) =>
      new CfnParameter(this, id, { type: 'Number', default: fallback, minValue: 0, description });

    // Secrets live in Secrets Manager, created by the operator (README, "Deploying"); the stack knows only their names.
    const twilioSecret = Secret.fromSecretNameV2(
      this,
      'TwilioSecret',
      parameter(
        'TwilioCredentials',
        'Name of the Secrets Manager secret (JSON: accountSid, authToken, from) for SMS; missing: SMS refused, notifications SKIPPED',
        'village-trade/twilio',
      ).valueAsString,
    );
    const ussdSecret = Secret.fromSecretNameV2(
      this,
      'UssdSecret',
      parameter(
        'UssdCredentials',
        'Name of the Secrets Manager secret (JSON: apiKey) the USSD callback URL carries as ?key=; missing: USSD refused',
        'village-trade/ussd',
      ).valueAsString,
    );
    const mpesaSecret = Secret.fromSecretNameV2(
      this,
      'MpesaSecret',
      parameter(
        'MpesaCredentials',
        'Name of the Secrets Manager secret (JSON: consumerKey, consumerSecret, passkey, callbackSecret) for M-Pesa; missing: mobile money off',
        'village-trade/mpesa',
      ).valueAsString,
    );
    const mpesaSettings = {
      MPESA_SECRET_NAME: mpesaSecret.secretName,
      MPESA_BASE_URL: parameter('MpesaBaseUrl', 'Daraja base URL', 'https://sandbox.safaricom.co.ke').valueAsString,
      MPESA_SHORTCODE: parameter('MpesaShortCode', 'The paybill or till number; empty: mobile money is off', '').valueAsString,
      MOBILE_MONEY_EXPIRY_MINUTES: parameter('MobileMoneyExpiryMinutes', 'Unpaid mobile-money orders are cancelled after this long', '60')
        .valueAsString,
    };
    const graphqlExplorer = parameter(
      'GraphqlExplorer',
      'on: GraphQL introspection and the explorer page at GET /graphql (off in production).',
      'off',
      ['on', 'off'],
    );
    const smsRateLimits = parameter(
      'SmsRateLimits',
      'SMS commands a phone may send in 10 minutes, by its busiest role',
      'buyer=30,seller=60,partner=120',
    );
    const alarmEmail = parameter('AlarmEmail', 'An address that receives every alarm (confirm the e-mail AWS sends); empty: none', '');
    const throttleRate = numberParameter('ApiRateLimit', 'Requests a second the HTTP API accepts, over all callers', 200);
    const throttleBurst = numberParameter('ApiBurstLimit', 'Requests the HTTP API accepts in a burst', 400);
    const ussdConcurrency = numberParameter('UssdReservedConcurrency', 'Instances kept for USSD, whatever GraphQL does; 0: none kept', 20);
    const mpesaConcurrency = numberParameter('MpesaReservedConcurrency', 'Instances kept for the M-Pesa callback; 0: none kept', 5);
    const corsOrigins = new CfnParameter(this, 'CorsAllowedOrigins', {
      type: 'CommaDelimitedList',
      default: '',
      description: 'Browser origins allowed to call the API (https://app.example.org,...); empty: no browser app',
    });

    const table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Orders and payments are the business record: neither deleting the stack nor a stray API call may delete them.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
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

    const common = { TABLE_NAME: table.tableName, PUBLIC_URL: httpApi.apiEndpoint };
    // Every function that takes orders may start an M-Pesa payment, so all of them carry its settings.
    const graphql = new VillageFunction(this, 'Graphql', {
      entry: 'functions/graphql.ts',
      service: SERVICES.graphql,
      environment: { ...common, ...mpesaSettings, GRAPHQL_EXPLORER: graphqlExplorer.valueAsString },
    });
    const sms = new VillageFunction(this, 'Sms', {
      entry: 'functions/sms.ts',
      service: SERVICES.sms,
      environment: {
        ...common,
        ...mpesaSettings,
        TWILIO_SECRET_NAME: twilioSecret.secretName,
        SMS_RATE_LIMITS: smsRateLimits.valueAsString,
      },
    });
    const ussd = new VillageFunction(this, 'Ussd', {
      entry: 'functions/ussd.ts',
      service: SERVICES.ussd,
      environment: { ...common, ...mpesaSettings, USSD_SECRET_NAME: ussdSecret.secretName },
    });
    const senderEnvironment = { ...common, TWILIO_SECRET_NAME: twilioSecret.secretName };
    const sender = new VillageFunction(this, 'OutboxSender', {
      entry: 'functions/outbox-sender.ts',
      service: SERVICES.outboxSender,
      timeout: Duration.seconds(60),
      environment: senderEnvironment,
    });
    // Where a failed stream batch or a failed scheduled run is kept, for a person to look at (alarmed below).
    const failures = new Queue(this, 'Failures', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    // The safety net under the stream: sends what the stream gave up on or a dead sender left behind.
    const sweeper = new VillageFunction(this, 'OutboxSweeper', {
      entry: 'functions/outbox-sender.ts',
      handler: 'sweep',
      service: SERVICES.outboxSender,
      timeout: Duration.seconds(60),
      environment: senderEnvironment,
    });
    const mpesaCallback = new VillageFunction(this, 'MpesaCallback', {
      entry: 'functions/mpesa-callback.ts',
      service: SERVICES.mpesaCallback,
      environment: { ...common, ...mpesaSettings },
    });
    const mobileMoneySweeper = new VillageFunction(this, 'MobileMoneySweeper', {
      entry: 'functions/mpesa-callback.ts',
      handler: 'sweep',
      service: SERVICES.mpesaCallback,
      timeout: Duration.seconds(60),
      environment: { ...common, ...mpesaSettings },
    });
    // Every hour, the weekly price messages of the phones whose hour of the week it is (spread over 168 hours).
    const weeklyPrices = new VillageFunction(this, 'WeeklyPrices', {
      entry: 'functions/weekly-prices.ts',
      service: SERVICES.weeklyPrices,
      timeout: Duration.minutes(5),
      environment: common,
    });
    for (const [name, sweep, every] of [
      ['OutboxSweepSchedule', sweeper, Duration.minutes(5)],
      ['MobileMoneySweepSchedule', mobileMoneySweeper, Duration.minutes(5)],
      ['WeeklyPricesSchedule', weeklyPrices, Duration.hours(1)],
    ] as const) {
      sweep.fn.configureAsyncInvoke({ onFailure: new SqsDestination(failures), retryAttempts: 2 });
      new Rule(this, name, {
        schedule: Schedule.rate(every),
        targets: [new LambdaFunction(sweep.fn, { deadLetterQueue: failures, retryAttempts: 2 })],
      });
    }

    // Reserved instances for the channels that must answer in seconds: a GraphQL flood cannot take them.
    const reserve = (fn: NodejsFunction, instances: CfnParameter) => {
      const kept = new CfnCondition(this, `${fn.node.scope!.node.id}Reserved`, {
        expression: Fn.conditionNot(Fn.conditionEquals(instances.valueAsNumber, 0)),
      });
      (fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = Fn.conditionIf(
        kept.logicalId,
        instances.valueAsNumber,
        Aws.NO_VALUE,
      ) as unknown as number;
    };
    reserve(ussd.fn, ussdConcurrency);
    reserve(mpesaCallback.fn, mpesaConcurrency);

    // Each function gets the table actions it uses, on the table and its indexes, and the secrets it reads.
    const grantTable = (fn: NodejsFunction) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: [...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write],
          resources: [table.tableArn, `${table.tableArn}/index/*`],
        }),
      );
    for (const fn of [graphql.fn, sms.fn, ussd.fn, sender.fn, sweeper.fn, mpesaCallback.fn, mobileMoneySweeper.fn]) grantTable(fn);
    // The weekly prices read the hour's list and the markets' figures, and put messages in the outbox: nothing else.
    weeklyPrices.fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query', 'dynamodb:PutItem'], resources: [table.tableArn] }));
    for (const fn of [sms.fn, sender.fn, sweeper.fn]) twilioSecret.grantRead(fn);
    ussdSecret.grantRead(ussd.fn);
    for (const fn of [graphql.fn, sms.fn, ussd.fn, mpesaCallback.fn, mobileMoneySweeper.fn]) mpesaSecret.grantRead(fn);

    const outboxEvents: StreamEventSourceProps = {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      // A few quick retries; the sweeper takes over from there, and the batch is kept for a person to see.
      retryAttempts: 5,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
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

    // The edge: throttling for every route, access logs, and CORS only for the origins named.
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: throttleRate.valueAsNumber, throttlingBurstLimit: throttleBurst.valueAsNumber };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      // The route key, never the path or query: the M-Pesa callback's path and the USSD URL carry secrets.
      format: JSON.stringify({
        requestId: '$context.requestId',
        time: '$context.requestTime',
        route: '$context.routeKey',
        status: '$context.status',
        latencyMs: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
        sourceIp: '$context.identity.sourceIp',
      }),
    };
    const cors = new CfnCondition(this, 'CorsOn', {
      expression: Fn.conditionNot(Fn.conditionEquals(Fn.join('', corsOrigins.valueAsList), '')),
    });
    (httpApi.node.defaultChild as CfnApi).corsConfiguration = Fn.conditionIf(
      cors.logicalId,
      {
        AllowOrigins: corsOrigins.valueAsList,
        AllowMethods: ['POST', 'OPTIONS'],
        AllowHeaders: ['authorization', 'content-type'],
        MaxAge: 600,
      },
      Aws.NO_VALUE,
    );

    // Alarms beyond each function's own two; the topic below is the action of all of them.
    const alarm = (id: string, description: string, metric: Metric | ReturnType<typeof httpApi.metricServerError>, threshold: number) =>
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    alarm(
      'StreamLagAlarm',
      'Notifications wait: the stream consumer is more than 5 minutes behind.',
      new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensionsMap: { FunctionName: sender.fn.functionName },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      300_000,
    );
    alarm(
      'Api5xxAlarm',
      'The HTTP API answered 5 or more requests with a 5xx in 5 minutes.',
      httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      5,
    );
    alarm('SmsFailuresAlarm', 'Twilio refused 5 or more notifications in 5 minutes.', figure(METRICS.smsFailed, SERVICES.outboxSender), 5);
    alarm(
      'SmsSkippedAlarm',
      'Notifications are not sent: the Twilio secret is missing or incomplete.',
      figure(METRICS.smsSkipped, SERVICES.outboxSender),
      1,
    );
    alarm(
      'MpesaUnmatchedAlarm',
      'An M-Pesa callback matched no payment request (a misrouted or forged callback, or lost state).',
      figure(METRICS.mpesaUnmatched, SERVICES.mpesaCallback),
      1,
    );
    alarm(
      'FailuresQueueAlarm',
      'A stream batch or a scheduled sweep failed for good: see the Failures queue.',
      failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }) as Metric,
      1,
    );

    const topic = new Topic(this, 'Alarms', { displayName: 'Village Trade alarms', enforceSSL: true });
    const emailGiven = new CfnCondition(this, 'AlarmEmailGiven', {
      expression: Fn.conditionNot(Fn.conditionEquals(alarmEmail.valueAsString, '')),
    });
    const subscription = new CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: topic.topicArn,
      protocol: 'email',
      endpoint: alarmEmail.valueAsString,
    });
    subscription.cfnOptions.condition = emailGiven;
    Aspects.of(this).add(new AlarmsNotify(new SnsAction(topic)));

    const channels = [SERVICES.graphql, SERVICES.sms, SERVICES.ussd];
    new Dashboard(this, 'Dashboard', {
      dashboardName: `${Aws.STACK_NAME}-business`,
      widgets: [
        [
          new GraphWidget({ title: 'Orders placed', left: channels.map((service) => figure(METRICS.ordersPlaced, service)) }),
          new GraphWidget({
            title: 'SMS commands',
            left: ['ORDER', 'FIND', 'STATUS', 'PRICE', 'REPORT', 'JOIN', 'HELP'].map((keyword) =>
              figure(METRICS.smsCommands, SERVICES.sms, { keyword }),
            ),
          }),
          new GraphWidget({
            title: 'Notifications',
            left: [METRICS.smsSent, METRICS.smsFailed, METRICS.smsSkipped].map((name) => figure(name, SERVICES.outboxSender)),
          }),
        ],
        [
          new GraphWidget({ title: 'USSD sessions', left: [figure(METRICS.ussdSessions, SERVICES.ussd)] }),
          new GraphWidget({
            title: 'M-Pesa callbacks',
            left: [
              ...['paid', 'not-paid', 'amount-mismatch', 'ignored'].map((outcome) =>
                figure(METRICS.mpesaCallbacks, SERVICES.mpesaCallback, { outcome }),
              ),
              figure(METRICS.mpesaUnmatched, SERVICES.mpesaCallback),
            ],
          }),
          new GraphWidget({ title: 'Pickup codes locked', left: channels.map((service) => figure(METRICS.pickupLocks, service)) }),
        ],
        [
          new GraphWidget({ title: 'API 5xx', left: [httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' })] }),
          new GraphWidget({
            title: 'Stream lag (ms)',
            left: [
              new Metric({
                namespace: 'AWS/Lambda',
                metricName: 'IteratorAge',
                dimensionsMap: { FunctionName: sender.fn.functionName },
                statistic: 'Maximum',
              }),
            ],
          }),
        ],
      ],
    });

    acknowledgeFindings(this, {
      functions: [graphql, sms, ussd, sender, sweeper, mpesaCallback, mobileMoneySweeper, weeklyPrices],
      failures,
      api: httpApi,
    });

    new CfnOutput(this, 'GraphqlUrl', { description: 'POST GraphQL requests here', value: `${httpApi.apiEndpoint}/graphql` });
    new CfnOutput(this, 'TwilioWebhookUrl', {
      description: "A Messaging webhook of the Twilio number: 'A message comes in', HTTP POST",
      value: `${httpApi.apiEndpoint}/sms/twilio`,
    });
    new CfnOutput(this, 'UssdCallbackUrl', {
      description: "The aggregator's callback URL; append ?key=<the apiKey of the USSD secret>",
      value: `${httpApi.apiEndpoint}/ussd`,
    });
    new CfnOutput(this, 'MpesaCallbackUrl', {
      description:
        'Given to Daraja by the functions themselves with each payment request; <secret> is the callbackSecret of the M-Pesa secret',
      value: `${httpApi.apiEndpoint}/payments/mpesa/callback/<secret>`,
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${Aws.STACK_NAME}-business`,
    });
    new CfnOutput(this, 'AlarmTopicArn', { description: 'Subscribe more people or tools to the alarms here', value: topic.topicArn });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}

/**
 * The cdk-nag findings (AwsSolutions and Serverless packs, run by `npm test`) that this design
 * accepts, each with its reason. Anything not listed here fails the test.
 */
function acknowledgeFindings(stack: Stack, parts: { functions: VillageFunction[]; failures: Queue; api: HttpApi }): void {
  for (const { fn } of parts.functions) {
    const role = Validations.of(fn.role!);
    role.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "Lambda's basic execution policy grants only the writes of the function's own logs.",
    });
    role.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray trace segments and telemetry take no resource ARN.',
    });
    role.acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(stack.node.findChild('Table').node.defaultChild as dynamodb.CfnGlobalTable)}.Arn>/index/*]`,
      reason: 'The indexes of our one table, which its list queries read; no other table.',
    });
    Validations.of(fn).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason:
        'HTTP routes and the stream call the functions synchronously (the stream mapping keeps failed batches in the Failures queue); the scheduled sweepers send failed runs there by their on-failure destination.',
    });
  }
  for (const route of parts.api.node.findAll().filter((construct) => construct instanceof CfnRoute)) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'Each caller is authenticated by the function behind its route: GraphQL by API key, Twilio by its request signature, the USSD aggregator by its key, Daraja by the secret in its callback path.',
    });
  }
  const failures = Validations.of(parts.failures);
  failures.acknowledge({
    id: 'AwsSolutions::AwsSolutions-SQS3',
    reason: 'This queue is itself where failures are kept; an alarm watches it.',
  });
  failures.acknowledge({
    id: 'Serverless::Serverless-SQSRedrivePolicy',
    reason: 'This queue is itself where failures are kept; an alarm watches it.',
  });
  Validations.of(stack.node.findChild('AlarmEmailSubscription')).acknowledge({
    id: 'Serverless::Serverless-SNSRedrivePolicy',
    reason:
      'An alarm e-mail that cannot be delivered is also seen in the CloudWatch console; a queue of undelivered alarm e-mails would go unread.',
  });
}
