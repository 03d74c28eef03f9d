import { type Stack, Validations } from 'aws-cdk-lib';
import { CfnRoute, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnGlobalTable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { CfnEventSourceMapping } from 'aws-cdk-lib/aws-lambda';
import type { CfnSubscription } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { VillageFunction } from './constructs/village-function.js';

interface AcknowledgedParts {
  functions: VillageFunction[];
  /** The functions the Outgoing, Fanout and Webhooks queues invoke. */
  queueConsumers: VillageFunction[];
  table: ITableV2;
  failures: IQueue;
  api: HttpApi;
  alarmEmail: CfnSubscription;
}

/**
 * The cdk-nag findings (AwsSolutions and Serverless packs, run by `npm test`) that this design
 * accepts, each with its reason. Anything not listed here fails the test.
 */
export function acknowledgeFindings(stack: Stack, parts: AcknowledgedParts): void {
  const tableArn = `<${stack.getLogicalId(parts.table.node.defaultChild as CfnGlobalTable)}.Arn>`;
  for (const { fn, tableAccess } of parts.functions) {
    const role = Validations.of(fn.role!);
    role.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "Lambda's basic execution policy grants only the writes of the function's own logs.",
    });
    role.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray trace segments and telemetry take no resource ARN.',
    });
    if (tableAccess.queriesIndexes) {
      role.acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${tableArn}/index/*]`,
        reason: 'Query alone, on the indexes of our one table, which its lists read; no other table.',
      });
    }
    Validations.of(fn).acknowledge({
      id: 'Serverless::Serverless-LambdaDLQ',
      reason:
        'HTTP routes, the stream and the queues call the functions synchronously (the stream mapping keeps failed batches in the Failures queue, the queues move pages and jobs received too often there); the scheduled functions send failed runs there by their on-failure destination.',
    });
  }
  for (const route of parts.api.node.findAll().filter((construct) => construct instanceof CfnRoute)) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'Each caller is authenticated by the function behind its route: GraphQL by API key, Twilio by its request signature, the USSD aggregator by its key, Daraja by the secret in its callback path.',
    });
  }
  for (const mapping of parts.queueConsumers.flatMap(({ fn }) => fn.node.findAll()).filter((c) => c instanceof CfnEventSourceMapping)) {
    Validations.of(mapping).acknowledge({
      id: 'Serverless::Serverless-LambdaEventSourceMappingDestination',
      reason:
        "An SQS event source takes no on-failure destination: the queue's redrive policy moves a page, job or webhook received 5 times to the Failures queue.",
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
  Validations.of(parts.alarmEmail).acknowledge({
    id: 'Serverless::Serverless-SNSRedrivePolicy',
    reason:
      'An alarm e-mail that cannot be delivered is also seen in the CloudWatch console; a queue of undelivered alarm e-mails would go unread.',
  });
}
