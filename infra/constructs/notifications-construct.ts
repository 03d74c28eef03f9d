import { CfnOutput, type CfnParameter, Duration, type Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { NOTIFYING_TYPES } from '../../channels/sms/notices-of-change.js';
import { SERVICES } from '../../core/telemetry/index.js';
import type { VillageTradeData } from './data-construct.js';
import { numberParameter } from './stack-parameters.js';
import { VillageFunction } from './village-function.js';

/** Receives of a page or a job before the queue gives up on it and moves it to the Failures queue. */
const MAX_RECEIVES = 5;

/** A sender's run: a batch of pages (up to 5 x 100 notifications) at its share of the provider's rate, with backoffs. */
const SENDER_TIMEOUT = Duration.minutes(2);
/** A job's run: up to 200 pages listed (a query, a message and a checkpoint each), then it queues itself again. */
const FANOUT_TIMEOUT = Duration.minutes(1);
/** A webhook sender's run: a batch of attempts at once, each within the endpoint's 10 s and the table's calls around it. */
const WEBHOOK_SENDER_TIMEOUT = Duration.minutes(1);

/**
 * A queue one function consumes. Its visibility timeout is 6 times the consumer's timeout (AWS's advice
 * for SQS event sources), so that a message is not delivered again while a run that took it may still be
 * at work; a message received MAX_RECEIVES times without success goes to the Failures queue.
 */
function consumedQueue(stack: Stack, id: string, consumerTimeout: Duration, failures: IQueue): Queue {
  return new Queue(stack, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(6 * consumerTimeout.toSeconds()),
    deadLetterQueue: { queue: failures, maxReceiveCount: MAX_RECEIVES },
  });
}

/** The settings of the functions that put messages on the queues (core/config readQueueConfig). */
interface QueueSettings {
  OUTGOING_QUEUE_URL: string;
  FANOUT_QUEUE_URL: string;
}

/**
 * How notifications leave: the stream's changes become pages of notifications on the Outgoing queue
 * (the notifier) or jobs on the Fanout queue, jobs list their phones page by page onto the Outgoing
 * queue (the fan-out), and the SMS senders send the pages at the provider's pace. Apps' webhooks go
 * the same way: the notifier puts them on the Webhooks queue, the webhook sender attempts them and puts
 * each retry back with its delay. What fails for good ends in the Failures queue: a stream batch by its
 * mapping's on-failure destination, a page, a job or a webhook by its queue's redrive policy.
 */
export class VillageTradeNotifications {
  readonly outgoing: Queue;
  readonly fanoutQueue: Queue;
  readonly notifier: VillageFunction;
  readonly smsSender: VillageFunction;
  readonly fanout: VillageFunction;
  readonly webhooks: Queue;
  readonly webhookSender: VillageFunction;
  /** What a function needs in its environment to put messages on either queue. */
  readonly queueSettings: QueueSettings;

  constructor(stack: Stack, { table, secrets }: VillageTradeData, failures: IQueue, common: Record<string, string>) {
    this.outgoing = consumedQueue(stack, 'OutgoingQueue', SENDER_TIMEOUT, failures);
    this.fanoutQueue = consumedQueue(stack, 'FanoutQueue', FANOUT_TIMEOUT, failures);
    this.webhooks = consumedQueue(stack, 'WebhooksQueue', WEBHOOK_SENDER_TIMEOUT, failures);
    this.queueSettings = { OUTGOING_QUEUE_URL: this.outgoing.queueUrl, FANOUT_QUEUE_URL: this.fanoutQueue.queueUrl };
    const webhookSettings = { WEBHOOKS_QUEUE_URL: this.webhooks.queueUrl };
    new CfnOutput(stack, 'OutgoingQueueUrl', { description: 'Pages of notifications waiting to be sent', value: this.outgoing.queueUrl });
    new CfnOutput(stack, 'FanoutQueueUrl', { description: 'Fan-out jobs waiting to list their phones', value: this.fanoutQueue.queueUrl });
    new CfnOutput(stack, 'WebhooksQueueUrl', {
      description: "Apps' webhooks waiting for their next attempt",
      value: this.webhooks.queueUrl,
    });
    // Reads the centers its notifications name (their partners' phones), and for webhooks the grants of
    // an order's phones (a list of the table) and their apps; the stream's reads are its event source mapping's grant.
    this.notifier = new VillageFunction(stack, 'Notifier', {
      entry: 'functions/notifier.ts',
      service: SERVICES.notifier,
      timeout: Duration.seconds(30),
      environment: { ...common, ...this.queueSettings, ...webhookSettings },
      table,
      tableAccess: { actions: ['GetItem', 'BatchGetItem', 'Query'], queriesIndexes: false },
      secrets: [],
      sendsTo: [this.outgoing, this.fanoutQueue, this.webhooks],
    });
    // Reads a delivery and its app, records the delivery and each attempt, turns off an endpoint that answered 410;
    // puts each retry back on its own queue.
    this.webhookSender = new VillageFunction(stack, 'WebhookSender', {
      entry: 'functions/webhook-sender.ts',
      service: SERVICES.webhookSender,
      timeout: WEBHOOK_SENDER_TIMEOUT,
      environment: { ...common, ...webhookSettings },
      table,
      tableAccess: { actions: ['GetItem', 'PutItem', 'UpdateItem'], queriesIndexes: false },
      secrets: [],
      sendsTo: [this.webhooks],
    });
    const { senders, environment } = sendingRate(stack);
    // Reads whether each message is recorded and its recipient's member item, puts its record once, forgets a pickup code's clear copy.
    this.smsSender = new VillageFunction(stack, 'SmsSender', {
      entry: 'functions/sms-sender.ts',
      service: SERVICES.smsSender,
      timeout: SENDER_TIMEOUT,
      environment: { ...common, TWILIO_SECRET_NAME: secrets.twilio.secretName, ...environment },
      table,
      tableAccess: { actions: ['BatchGetItem', 'PutItem', 'DeleteItem'], queriesIndexes: false },
      secrets: [secrets.twilio],
    });
    // Lists a job's phones (lists of the table, not of an index) and the markets' figures, and checkpoints the job's progress.
    this.fanout = new VillageFunction(stack, 'Fanout', {
      entry: 'functions/fanout.ts',
      service: SERVICES.fanout,
      timeout: FANOUT_TIMEOUT,
      environment: { ...common, ...this.queueSettings },
      table,
      tableAccess: { actions: ['GetItem', 'Query', 'UpdateItem'], queriesIndexes: false },
      secrets: [],
      sendsTo: [this.outgoing, this.fanoutQueue],
    });
    this.invokeFromStreamAndQueues(table, failures, senders);
  }

  get all(): VillageFunction[] {
    return [this.notifier, this.smsSender, this.fanout, this.webhookSender];
  }

  private invokeFromStreamAndQueues(table: VillageTradeData['table'], failures: IQueue, senders: CfnParameter): void {
    this.notifier.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // The notifier fails a batch whole: halves of it are tried apart, and what still fails is kept in
        // the Failures queue for `npm run replay-failures` (within the stream's 24 hours).
        retryAttempts: 3,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(failures),
        // Only the changes that tell people something wake the notifier.
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { NewImage: { type: { S: lambda.FilterRule.or(...NOTIFYING_TYPES) } } },
          }),
        ],
      }),
    );
    // At most `senders` batches at once: the pace of each instance is the provider's rate shared by that many.
    // Reserved concurrency keeps that many instances whatever else runs and never allows more; the mapping's
    // maximum concurrency keeps its pollers to the same number, so that no batch is throttled back to the
    // queue (a throttled receive counts towards the Failures queue).
    (this.smsSender.fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = senders.valueAsNumber;
    this.smsSender.fn.addEventSource(
      new SqsEventSource(this.outgoing, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: senders.valueAsNumber }),
    );
    // One job a run: each lists up to 200 pages, and jobs go on in parallel.
    this.fanout.fn.addEventSource(new SqsEventSource(this.fanoutQueue, { batchSize: 1, reportBatchItemFailures: true }));
    // Ten attempts a run, at once: a slow endpoint holds up only its own.
    this.webhookSender.fn.addEventSource(new SqsEventSource(this.webhooks, { batchSize: 10, reportBatchItemFailures: true }));
  }
}

/** The provider's rate in total and the senders that share it, as parameters and as the senders' settings (core/config readSendingRate). */
function sendingRate(stack: Stack) {
  const senders = numberParameter(
    stack,
    'SmsSenders',
    'SMS sender instances that run at once (reserved for them); each sends SmsMaxPerSecond / SmsSenders a second',
    4,
    2,
  );
  const maxPerSecond = numberParameter(
    stack,
    'SmsMaxPerSecond',
    'Messages a second the SMS provider accepts from us in total; at least SmsSenders (each sender at least 1 a second)',
    100,
    1,
  );
  return { senders, environment: { SMS_SENDERS: senders.valueAsString, SMS_MAX_PER_SECOND: maxPerSecond.valueAsString } };
}
