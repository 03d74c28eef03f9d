import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { NOTIFYING_TYPES } from '../../channels/sms/notices-of-change.js';
import { createTableInput, tableSchema } from '../../core/db/table-schema.js';
import { VillageTradeStack } from '../../infra/village-trade-stack.js';

// Synthesizing bundles the GraphQL function with esbuild, which takes seconds; do it once for every test.
const BUNDLING_TIMEOUT_MS = 120_000;

let cachedTemplate: Template | undefined;
function synthesizedTemplate(): Template {
  cachedTemplate ??= Template.fromStack(new VillageTradeStack(new App(), 'TestStack'));
  return cachedTemplate;
}

function tableLogicalId(template: Template): string {
  const tables = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'));
  expect(tables).toHaveLength(1);
  return tables[0]!;
}

/** The logical id of the queue made under `id` (CDK adds a hash to it). */
function queueLogicalId(template: Template, id: string): string {
  const queues = Object.keys(template.findResources('AWS::SQS::Queue')).filter((name) => new RegExp(`^${id}[0-9A-F]{8}$`).test(name));
  expect(queues, id).toHaveLength(1);
  return queues[0]!;
}

/** The logical id of the one function of a service that runs its `handler` export. */
function functionLogicalId(template: Template, service: string): string {
  const functions = Object.entries<any>(template.findResources('AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === service && fn.Properties.Handler === 'index.handler',
  );
  expect(functions, service).toHaveLength(1);
  return functions[0]![0];
}

const eventSourceMappings = (template: Template) =>
  Object.values<any>(template.findResources('AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.Properties);

describe('VillageTradeStack', () => {
  it('has one table shaped like core/db/table-schema.ts', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    const local = createTableInput('any');

    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      // The very shape DynamoDB Local gets from createTableInput: local and deployed tables cannot drift.
      KeySchema: local.KeySchema,
      AttributeDefinitions: Match.arrayWith(local.AttributeDefinitions!),
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: tableSchema.timeToLiveAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
    const definitions = template.toJSON().Resources[tableLogicalId(template)].Properties.AttributeDefinitions;
    expect(definitions).toHaveLength(local.AttributeDefinitions!.length);
  });

  it('retains the table when the stack is deleted or the table replaced', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    synthesizedTemplate().hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('runs the GraphQL function on Node 24, arm64, with the table name', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: tableLogicalId(template) },
          NODE_OPTIONS: '--enable-source-maps',
          GRAPHQL_EXPLORER: { Ref: 'GraphqlExplorer' },
          POWERTOOLS_SERVICE_NAME: 'graphql',
        }),
      },
    });
    template.resourceCountIs('AWS::Lambda::Function', 11);
    // Every function runs in production mode; the GraphQL explorer is off unless the parameter says on.
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.map((fn) => fn.Properties.Environment.Variables.NODE_ENV)).toEqual(functions.map(() => 'production'));
    template.hasParameter('GraphqlExplorer', { Default: 'off', AllowedValues: ['on', 'off'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /payments/mpesa/callback/{secret}' });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.sweep' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 hour)' });
  });

  it('keeps secrets out of the template: functions get the names of Secrets Manager secrets, and read access to those alone', {
    timeout: BUNDLING_TIMEOUT_MS,
  }, () => {
    const template = synthesizedTemplate().toJSON();
    const secretSettings = /TOKEN|SECRET$|PASSKEY|CONSUMER|API_KEY|ACCOUNT_SID/;
    for (const fn of Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')) {
      expect(Object.keys(fn.Properties.Environment.Variables).filter((name) => secretSettings.test(name))).toEqual([]);
    }
    // Every parameter has a default (a bare `cdk deploy` works), and none is a secret's value.
    for (const [name, parameter] of Object.entries<any>(template.Parameters).filter(([name]) => !name.startsWith('BootstrapVersion'))) {
      expect(parameter.Default, name).toBeDefined();
      expect(parameter.NoEcho, name).toBeUndefined();
    }
    expect(template.Parameters.TwilioCredentials.Default).toBe('village-trade/twilio');
    const sms = Object.values<any>(template.Resources).find((r) => r.Properties?.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'sms');
    expect(sms.Properties.Environment.Variables.TWILIO_SECRET_NAME).toEqual({ Ref: 'TwilioCredentials' });
    const policies = Object.values<any>(template.Resources).filter((r) => r.Type === 'AWS::IAM::Policy');
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const secretReads = statements.filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads.length).toBeGreaterThan(0);
    expect(secretReads.flatMap((statement) => [statement.Resource].flat()).some((resource) => resource === '*')).toBe(false);
  });

  it('guards the edge: throttling, reserved instances for USSD, M-Pesa and the SMS senders, access logs without secrets, CORS by parameter', {
    timeout: BUNDLING_TIMEOUT_MS,
  }, () => {
    const template = synthesizedTemplate();
    const stage = Object.values<any>(template.findResources('AWS::ApiGatewayV2::Stage'))[0].Properties;
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: { Ref: 'ApiRateLimit' },
      ThrottlingBurstLimit: { Ref: 'ApiBurstLimit' },
    });
    const format = stage.AccessLogSettings.Format as string;
    expect(format).toContain('$context.routeKey');
    // The path holds the M-Pesa callback secret, the query the USSD key.
    expect(format).not.toMatch(/\$context\.(path|http\.path|requestPath)|querystring/i);
    template.hasParameter('ApiRateLimit', { Default: 200 });
    template.hasParameter('UssdReservedConcurrency', { Default: 20 });
    const reserved = Object.values<any>(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.ReservedConcurrentExecutions,
    );
    expect(reserved.map((fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).sort()).toEqual([
      'mpesa-callback',
      'sms-sender',
      'ussd',
    ]);
    const api = Object.values<any>(template.findResources('AWS::ApiGatewayV2::Api'))[0].Properties;
    expect(api.CorsConfiguration['Fn::If'][0]).toBe('CorsOn');
  });

  it('protects the table from deletion', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    synthesizedTemplate().hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
    });
  });

  it('tells a person of every alarm, through one topic with an optional e-mail', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0]!;
    const alarms = Object.entries<any>(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(14);
    for (const [name, alarm] of alarms) expect(alarm.Properties.AlarmActions, name).toEqual([{ Ref: topic }]);
    template.hasResource('AWS::SNS::Subscription', {
      Condition: 'AlarmEmailGiven',
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
    });
    const metrics = alarms.map(([, alarm]) => alarm.Properties.MetricName);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'IteratorAge',
        '5xx',
        'SmsFailed',
        'MpesaCallbackUnmatched',
        'ApproximateNumberOfMessagesVisible',
        'ApproximateAgeOfOldestMessage',
      ]),
    );
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('keeps what failed for good in one queue: the stream mapping, the scheduled runs and the queues send it there', {
    timeout: BUNDLING_TIMEOUT_MS,
  }, () => {
    const template = synthesizedTemplate();
    const failures = { 'Fn::GetAtt': [queueLogicalId(template, 'Failures'), 'Arn'] };
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [tableLogicalId(template), 'StreamArn'] },
      DestinationConfig: { OnFailure: { Destination: failures } },
    });
    const invokeConfigs = Object.values<any>(template.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(invokeConfigs).toHaveLength(2);
    for (const config of invokeConfigs) expect(config.Properties.DestinationConfig.OnFailure.Destination).toEqual(failures);
    // Every other queue gives up on a message after 5 receives and moves it there; the Failures queue itself keeps it 14 days.
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(4);
    for (const [id, queue] of Object.entries<any>(queues).filter(([id]) => id !== queueLogicalId(template, 'Failures'))) {
      expect(queue.Properties.RedrivePolicy, id).toEqual({ deadLetterTargetArn: failures, maxReceiveCount: 5 });
    }
    expect(queues[queueLogicalId(template, 'Failures')]!.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    // The operator's and the replay command's way to the queues.
    for (const [output, queue] of [
      ['FailuresQueueUrl', 'Failures'],
      ['OutgoingQueueUrl', 'OutgoingQueue'],
      ['FanoutQueueUrl', 'FanoutQueue'],
      ['WebhooksQueueUrl', 'WebhooksQueue'],
    ] as const) {
      template.hasOutput(output, { Value: { Ref: queueLogicalId(template, queue) } });
    }
  });

  it('encrypts every queue and refuses it any request without TLS', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    const queues = Object.entries<any>(template.findResources('AWS::SQS::Queue'));
    const policies = Object.values<any>(template.findResources('AWS::SQS::QueuePolicy')).map((policy) => policy.Properties);
    for (const [id, queue] of queues) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      const statements = policies.find((policy) => policy.Queues[0].Ref === id)?.PolicyDocument.Statement ?? [];
      expect(statements, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feeds the changes that tell people something, and only those, from the stream to the notifier', {
    timeout: BUNDLING_TIMEOUT_MS,
  }, () => {
    const template = synthesizedTemplate();
    const mapping = eventSourceMappings(template).find((candidate) => candidate.EventSourceArn['Fn::GetAtt'][1] === 'StreamArn')!;
    expect(mapping.FunctionName).toEqual({ Ref: functionLogicalId(template, 'notifier') });
    expect(mapping.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT', 'MODIFY'],
      dynamodb: { NewImage: { type: { S: [...NOTIFYING_TYPES] } } },
    });
    // A consent SMS's code comes from its ConsentNotice item, as a pickup code from its PickupNotice.
    expect(NOTIFYING_TYPES).toEqual(expect.arrayContaining(['PickupNotice', 'ConsentNotice']));
    // The notifier fails a batch whole: halves are retried apart, a few times, before the batch goes to the Failures queue.
    expect(mapping).toMatchObject({ BisectBatchOnFunctionError: true, MaximumRetryAttempts: 3 });
    expect(mapping.FunctionResponseTypes).toBeUndefined();
  });

  it('sends pages from the Outgoing queue and lists jobs from the Fanout queue, reporting each failed message', {
    timeout: BUNDLING_TIMEOUT_MS,
  }, () => {
    const template = synthesizedTemplate();
    const queues = template.findResources('AWS::SQS::Queue');
    for (const [queue, service] of [
      ['OutgoingQueue', 'sms-sender'],
      ['FanoutQueue', 'fanout'],
    ] as const) {
      const id = queueLogicalId(template, queue);
      const mapping = eventSourceMappings(template).find((candidate) => candidate.EventSourceArn['Fn::GetAtt'][0] === id)!;
      expect(mapping.FunctionName, queue).toEqual({ Ref: functionLogicalId(template, service) });
      expect(mapping.FunctionResponseTypes, queue).toEqual(['ReportBatchItemFailures']);
      // AWS's advice for SQS event sources: a visibility timeout of at least 6 times the function's timeout.
      const timeout = template.toJSON().Resources[functionLogicalId(template, service)].Properties.Timeout;
      expect(queues[id]!.Properties.VisibilityTimeout, queue).toBeGreaterThanOrEqual(6 * timeout);
    }
  });

  it('runs as many SMS senders as the SmsSenders parameter says, each at its share of SmsMaxPerSecond', {
    timeout: BUNDLING_TIMEOUT_MS,
  }, () => {
    const template = synthesizedTemplate();
    template.hasParameter('SmsSenders', { Type: 'Number', Default: 4, MinValue: 2 });
    template.hasParameter('SmsMaxPerSecond', { Type: 'Number', Default: 100 });
    const sender = template.toJSON().Resources[functionLogicalId(template, 'sms-sender')].Properties;
    expect(sender.ReservedConcurrentExecutions).toEqual({ Ref: 'SmsSenders' });
    expect(sender.Environment.Variables).toMatchObject({
      SMS_SENDERS: { Ref: 'SmsSenders' },
      SMS_MAX_PER_SECOND: { Ref: 'SmsMaxPerSecond' },
    });
    // The queue's pollers invoke no more senders than are reserved, so that no batch is throttled back to the queue.
    const outgoing = queueLogicalId(template, 'OutgoingQueue');
    const mapping = eventSourceMappings(template).find((candidate) => candidate.EventSourceArn['Fn::GetAtt'][0] === outgoing)!;
    expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: { Ref: 'SmsSenders' } });
  });

  it('alarms when a page of notifications has waited 10 minutes on the Outgoing queue', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueLogicalId(template, 'OutgoingQueue'), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 600,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('sends webhooks from their own queue, and alarms on their age and on failures', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    const webhooks = queueLogicalId(template, 'WebhooksQueue');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [webhooks, 'Arn'] },
      FunctionName: { Ref: functionLogicalId(template, 'webhook-sender') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    for (const service of ['notifier', 'webhook-sender']) {
      const variables = template.toJSON().Resources[functionLogicalId(template, service)].Properties.Environment.Variables;
      expect(variables.WEBHOOKS_QUEUE_URL, service).toEqual({ Ref: webhooks });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [webhooks, 'QueueName'] } }],
      Threshold: 1800,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'WebhooksFailed',
      Dimensions: [{ Name: 'service', Value: 'webhook-sender' }],
    });
  });

  it('gives the functions that queue messages the queues, and the sender its Twilio secret', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    const queueSettings = {
      OUTGOING_QUEUE_URL: { Ref: queueLogicalId(template, 'OutgoingQueue') },
      FANOUT_QUEUE_URL: { Ref: queueLogicalId(template, 'FanoutQueue') },
    };
    for (const service of ['notifier', 'fanout', 'weekly-prices']) {
      const variables = template.toJSON().Resources[functionLogicalId(template, service)].Properties.Environment.Variables;
      expect(variables, service).toMatchObject(queueSettings);
    }
    const sender = template.toJSON().Resources[functionLogicalId(template, 'sms-sender')].Properties.Environment.Variables;
    expect(sender.TWILIO_SECRET_NAME).toEqual({ Ref: 'TwilioCredentials' });
  });

  it('routes GraphQL, the OAuth endpoints and the Twilio webhooks from the HTTP API', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /graphql' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /sms/twilio' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /sms/status' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /ussd' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /ussd/events' });
    for (const route of [
      'GET /.well-known/oauth-authorization-server',
      'POST /oauth/token',
      'POST /oauth/revoke',
      'POST /oauth/bc-authorize',
    ]) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: route });
    }
  });

  it('alarms on function errors', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    synthesizedTemplate().hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('counts logged faults and alarms on them', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.level = "ERROR" }',
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'VillageTrade', MetricName: 'GraphqlFaults' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'VillageTrade', MetricName: 'GraphqlFaults', Threshold: 1 });
    // The filter reads the level Lambda writes into JSON log lines.
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }) });
  });
});
