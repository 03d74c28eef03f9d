import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../core/telemetry/index.js';
import { functionBundling } from '../function-bundling.js';

// Resolved from this file rather than process.cwd() so synth and tests work from any directory.
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fromProjectRoot = (relativePath: string) => fileURLToPath(new URL(`../../${relativePath}`, import.meta.url));

/**
 * A table action a function's code sends. TransactWriteItems has no action of its own: IAM checks each
 * of its items as the PutItem, UpdateItem, DeleteItem or ConditionCheckItem it is.
 */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';

/** What a function's code does with the table: the actions it sends, and whether its queries read an index. */
export interface TableAccess {
  actions: TableAction[];
  queriesIndexes: boolean;
}

interface VillageFunctionProps {
  /** Relative to the project root. */
  entry: string;
  handler?: string;
  /** Powertools' service name: the `service` of its log lines and the dimension of its figures. */
  service: string;
  environment: Record<string, string>;
  timeout?: Duration;
  table: ITableV2;
  tableAccess: TableAccess;
  /** The secrets it reads at cold start. */
  secrets: ISecret[];
  /** The queues its code puts messages on (what invokes it is granted by its event source). */
  sendsTo?: IQueue[];
}

/**
 * One of our Lambda functions, bundled from functions/, with its logs, tracing, two alarms, and the
 * table actions, secrets and queues it uses, no more (tests/unit/infra-grants.test.ts holds them to its code).
 */
export class VillageFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly entry: string;
  readonly handler: string;
  readonly tableAccess: TableAccess;

  constructor(scope: Construct, id: string, props: VillageFunctionProps) {
    super(scope, id);
    this.entry = props.entry;
    this.handler = props.handler ?? 'handler';
    this.tableAccess = props.tableAccess;
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fromProjectRoot(props.entry),
      handler: this.handler,
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
      bundling: bundlingOptions(),
    });
    this.grantTable(props.table, props.tableAccess);
    for (const secret of props.secrets) secret.grantRead(this.fn);
    // SendMessage alone: SendMessageBatch is authorized as it, and the queue URLs come from the environment.
    for (const queue of props.sendsTo ?? []) {
      this.fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    }
    this.alarmOnFailures(id, logGroup);
  }

  /** The actions on the table, if any; on its indexes, Query alone, for the functions whose lists are indexes. */
  private grantTable(table: ITableV2, access: TableAccess): void {
    if (access.actions.length > 0) {
      this.fn.addToRolePolicy(
        new PolicyStatement({ actions: access.actions.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }),
      );
    }
    if (access.queriesIndexes) {
      this.fn.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/*`] }));
    }
  }

  private alarmOnFailures(id: string, logGroup: logs.LogGroup): void {
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

/** The same options the benchmarks and the bundle test use (infra/function-bundling.ts says why each). */
function bundlingOptions() {
  return {
    format: OutputFormat.ESM,
    minify: functionBundling.minify,
    sourceMap: functionBundling.sourcemap,
    sourcesContent: functionBundling.sourcesContent,
    target: functionBundling.target,
    mainFields: [...functionBundling.mainFields],
    banner: functionBundling.banner,
    externalModules: [...functionBundling.external],
    esbuildArgs: {
      '--alias': Object.entries(functionBundling.alias).map(([module, substitute]) => `${module}=${substitute}`),
      '--legal-comments': functionBundling.legalComments,
      // As an argument: NodejsFunction takes a `charset` option but hands esbuild no --charset, and the
      // bundles came out with every non-ASCII character escaped (6 KB more in the SMS function).
      '--charset': functionBundling.charset,
    },
  };
}
