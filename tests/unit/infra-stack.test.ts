import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
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

  it('runs the GraphQL function on Node 22, arm64, with the table name', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: { Ref: tableLogicalId(template) },
          NODE_OPTIONS: '--enable-source-maps',
          MPESA_PASSKEY: { Ref: 'MpesaPasskey' },
          GRAPHQL_EXPLORER: { Ref: 'GraphqlExplorer' },
        }),
      },
    });
    template.resourceCountIs('AWS::Lambda::Function', 7);
    // Every function runs in production mode; the GraphQL explorer is off unless the parameter says on.
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.map((fn) => fn.Properties.Environment.Variables.NODE_ENV)).toEqual(functions.map(() => 'production'));
    template.hasParameter('GraphqlExplorer', { Default: 'off', AllowedValues: ['on', 'off'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /payments/mpesa/callback/{secret}' });
    template.hasParameter('MpesaCallbackSecret', { NoEcho: true });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ USSD_API_KEY: { Ref: 'UssdApiKey' } }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.sweep' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Environment: { Variables: Match.objectLike({ TWILIO_AUTH_TOKEN: { Ref: 'TwilioAuthToken' } }) },
    });
  });

  it('feeds new outbox items, and only those, from the stream to the sender', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [tableLogicalId(template), 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['Outbox'] } } } }) }],
      },
    });
    template.hasParameter('TwilioAuthToken', { NoEcho: true });
    template.hasParameter('UssdApiKey', { NoEcho: true });
  });

  it('routes GraphQL and the Twilio webhooks from the HTTP API', { timeout: BUNDLING_TIMEOUT_MS }, () => {
    const template = synthesizedTemplate();
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /graphql' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /sms/twilio' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /sms/status' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /ussd' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /ussd/events' });
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
