import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { tableSchema } from '../core/table-schema.js';

// Resolved from this file rather than process.cwd() so synth and tests work from any directory.
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const fromProjectRoot = (relativePath: string) => fileURLToPath(new URL(`../${relativePath}`, import.meta.url));

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export class VillageTradeStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Orders and payments are the business record: deleting the stack must never delete them.
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      // Later consumers (notifications, projections) need both sides of every change.
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      // Same shape as core/table-schema.ts gives DynamoDB Local, so local and deployed tables cannot drift.
      globalSecondaryIndexes: tableSchema.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });

    const graphqlLogs = new logs.LogGroup(this, 'GraphqlFunctionLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const graphqlFunction = new NodejsFunction(this, 'GraphqlFunction', {
      entry: fromProjectRoot('functions/graphql.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      // Source maps make logged stack traces point at our TypeScript, not the minified bundle.
      environment: { TABLE_NAME: table.tableName, NODE_OPTIONS: '--enable-source-maps' },
      logGroup: graphqlLogs,
      // JSON log lines carry the level, so a metric filter can count console.error (our fault log) alone.
      loggingFormat: lambda.LoggingFormat.JSON,
      projectRoot,
      depsLockFilePath: fromProjectRoot('package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        // Prefer ESM entry points so every importer shares one copy of graphql (its types are checked with instanceof).
        mainFields: ['module', 'main'],
        // Some bundled CommonJS dependencies call require(); an ESM bundle has none unless we make one.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        // Bundle the AWS SDK instead of using the runtime's copy, so the deployed SDK is the version we test against.
        externalModules: [],
      },
    });
    table.grantReadWriteData(graphqlFunction);

    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Village Trade GraphQL endpoint',
    });
    httpApi.addRoutes({
      path: '/graphql',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('GraphqlIntegration', graphqlFunction),
    });

    // Errors counts failed invocations (crash at cold start, timeout), which every caller sees as a 5xx.
    // Resolver faults don't count here: Apollo catches them; the fault alarm below counts them from the logs.
    new Alarm(this, 'GraphqlFunctionErrorsAlarm', {
      alarmDescription: 'The GraphQL function threw or timed out at least once in 5 minutes.',
      metric: graphqlFunction.metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    // Faults are the only thing the function logs with console.error; count them.
    const faults = graphqlLogs.addMetricFilter('GraphqlFaults', {
      filterPattern: logs.FilterPattern.stringValue('$.level', '=', 'ERROR'),
      metricNamespace: 'VillageTrade',
      metricName: 'GraphqlFaults',
      metricValue: '1',
    });
    new Alarm(this, 'GraphqlFaultsAlarm', {
      alarmDescription: 'A GraphQL resolver fault (a bug or an outage, not a business outcome) in 5 minutes.',
      metric: faults.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    new CfnOutput(this, 'GraphqlUrl', {
      description: 'POST GraphQL requests here',
      value: `${httpApi.apiEndpoint}/graphql`,
    });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
