import { CfnOutput, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { tableSchema } from '../../core/db/index.js';
import { textParameter } from './stack-parameters.js';

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/** The one table, with the stream that feeds the notifier, and the secrets the functions read. */
export class VillageTradeData {
  readonly table: dynamodb.TableV2;
  readonly secrets: { twilio: ISecret; ussd: ISecret; mpesa: ISecret };

  constructor(stack: Stack) {
    this.table = new dynamodb.TableV2(stack, 'Table', {
      partitionKey: stringKey(tableSchema.partitionKey),
      sortKey: stringKey(tableSchema.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Orders and payments are the business record: neither deleting the stack nor a stray API call may delete them.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      timeToLiveAttribute: tableSchema.timeToLiveAttribute,
      // The notifier derives notifications from each change, from the item before and after it (an order's status, a market's median).
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      // Same shape as core/db/table-schema.ts gives DynamoDB Local, so local and deployed tables cannot drift.
      globalSecondaryIndexes: tableSchema.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
    new CfnOutput(stack, 'TableName', { value: this.table.tableName });
    this.secrets = secrets(stack);
  }
}

/** Secrets live in Secrets Manager, created by the operator (docs/operating.md, "Deploying"); the stack knows only their names. */
function secrets(stack: Stack): VillageTradeData['secrets'] {
  const named = (id: string, parameter: string, description: string, fallback: string) =>
    Secret.fromSecretNameV2(stack, id, textParameter(stack, parameter, description, fallback).valueAsString);
  return {
    twilio: named(
      'TwilioSecret',
      'TwilioCredentials',
      'Name of the Secrets Manager secret (JSON: accountSid, authToken, from) for SMS; missing: SMS refused, notifications SKIPPED',
      'village-trade/twilio',
    ),
    ussd: named(
      'UssdSecret',
      'UssdCredentials',
      'Name of the Secrets Manager secret (JSON: apiKey) the USSD callback URL carries as ?key=; missing: USSD refused',
      'village-trade/ussd',
    ),
    mpesa: named(
      'MpesaSecret',
      'MpesaCredentials',
      'Name of the Secrets Manager secret (JSON: consumerKey, consumerSecret, passkey, callbackSecret) for M-Pesa; missing: mobile money off',
      'village-trade/mpesa',
    ),
  };
}
