import { Aspects, Aws, CfnCondition, CfnOutput, Duration, Fn, type IAspect, type Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import type { IConstruct } from 'constructs';
import { COMMANDS } from '../../channels/sms/sms-keywords.js';
import { METRICS, METRICS_NAMESPACE, SERVICES } from '../../core/telemetry/index.js';
import type { VillageTradeFunctions } from './functions-construct.js';
import { textParameter } from './stack-parameters.js';

/** A business figure the functions publish (core/telemetry/metric-names.ts), summed over 5 minutes. */
const figure = (metricName: string, service: string, dimensions: Record<string, string> = {}) =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service, ...dimensions },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

/** How far behind the notifier reads the stream. */
const streamLag = (functions: VillageTradeFunctions, period?: Duration) =>
  new Metric({
    namespace: 'AWS/Lambda',
    metricName: 'IteratorAge',
    dimensionsMap: { FunctionName: functions.notifications.notifier.fn.functionName },
    statistic: 'Maximum',
    ...(period ? { period } : {}),
  });

/** Notifications waiting to be sent must be sent within this long (seconds), or a person is told. */
const OUTGOING_AGE_LIMIT_SECONDS = 10 * 60;
/**
 * A webhook waiting for a retry goes back on its queue at least every 15 minutes (SQS's longest delay),
 * so no message should be older than this (seconds) unless the sender is failing or falling behind.
 */
const WEBHOOKS_AGE_LIMIT_SECONDS = 30 * 60;

/**
 * Lines a graph shows at most. CloudWatch takes many more metrics a graph widget (100 by its strictest
 * published quota), but a legend of more than a dozen lines is not read; longer lists get several graphs.
 */
const LINES_PER_GRAPH = 12;

/** Makes the topic the action of every alarm in the stack, so that no alarm goes unheard. */
class AlarmsNotify implements IAspect {
  constructor(private readonly action: SnsAction) {}

  visit(node: IConstruct): void {
    if (node instanceof Alarm) node.addAlarmAction(this.action);
  }
}

/**
 * The alarms beyond each function's own two (among them the Failures queue's), the topic every
 * alarm tells, with an optional e-mail subscription, and the dashboard of business figures.
 */
export class VillageTradeMonitoring {
  /** The e-mail subscription to the alarms, made only when the AlarmEmail parameter names an address. */
  readonly alarmEmail: CfnSubscription;

  constructor(stack: Stack, functions: VillageTradeFunctions, api: HttpApi) {
    alarms(stack, functions, api);
    const topic = new Topic(stack, 'Alarms', { displayName: 'Village Trade alarms', enforceSSL: true });
    const address = textParameter(
      stack,
      'AlarmEmail',
      'An address that receives every alarm (confirm the e-mail AWS sends); empty: none',
      '',
    );
    const emailGiven = new CfnCondition(stack, 'AlarmEmailGiven', {
      expression: Fn.conditionNot(Fn.conditionEquals(address.valueAsString, '')),
    });
    this.alarmEmail = new CfnSubscription(stack, 'AlarmEmailSubscription', {
      topicArn: topic.topicArn,
      protocol: 'email',
      endpoint: address.valueAsString,
    });
    this.alarmEmail.cfnOptions.condition = emailGiven;
    Aspects.of(stack).add(new AlarmsNotify(new SnsAction(topic)));
    new CfnOutput(stack, 'AlarmTopicArn', { description: 'Subscribe more people or tools to the alarms here', value: topic.topicArn });
    dashboard(stack, functions, api);
  }
}

function alarms(stack: Stack, functions: VillageTradeFunctions, api: HttpApi): void {
  const alarm = (id: string, description: string, metric: IMetric, threshold: number) =>
    new Alarm(stack, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  alarm(
    'StreamLagAlarm',
    'Notifications wait: the notifier is more than 5 minutes behind the stream.',
    streamLag(functions, Duration.minutes(5)),
    300_000,
  );
  alarm(
    'Api5xxAlarm',
    'The HTTP API answered 5 or more requests with a 5xx in 5 minutes.',
    api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    5,
  );
  alarm(
    'OutgoingAgeAlarm',
    'Notifications wait: a page of them has been on the Outgoing queue for 10 minutes or more (senders failing, throttled or too few for the traffic).',
    functions.notifications.outgoing.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
    OUTGOING_AGE_LIMIT_SECONDS,
  );
  alarm(
    'WebhooksAgeAlarm',
    'Webhooks wait: a message has been on the Webhooks queue for 30 minutes or more (the webhook sender failing or too slow for the traffic).',
    functions.notifications.webhooks.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
    WEBHOOKS_AGE_LIMIT_SECONDS,
  );
  alarm(
    'WebhookFailuresAlarm',
    "20 or more apps' webhooks failed for good in 5 minutes (retries spent, refused, or endpoints gone): see webhookDeliveries.",
    figure(METRICS.webhooksFailed, SERVICES.webhookSender),
    20,
  );
  alarm('SmsFailuresAlarm', 'Twilio refused 5 or more notifications in 5 minutes.', figure(METRICS.smsFailed, SERVICES.smsSender), 5);
  alarm(
    'SmsSkippedAlarm',
    'Notifications are not sent: the Twilio secret is missing or incomplete.',
    figure(METRICS.smsSkipped, SERVICES.smsSender),
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
    'A stream batch, a page of notifications, a fan-out job, a webhook or a scheduled run failed for good: see the Failures queue (npm run replay-failures).',
    functions.failures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    1,
  );
}

/** One graph of the commands of the SMS registry, or several of at most LINES_PER_GRAPH each, named by their first and last. */
function smsCommandGraphs(): GraphWidget[] {
  const graphs = Math.ceil(COMMANDS.length / LINES_PER_GRAPH);
  const perGraph = Math.ceil(COMMANDS.length / graphs);
  return Array.from({ length: graphs }, (_, index) => COMMANDS.slice(index * perGraph, (index + 1) * perGraph)).map(
    (keywords) =>
      new GraphWidget({
        title: graphs === 1 ? 'SMS commands' : `SMS commands, ${keywords[0]} to ${keywords.at(-1)}`,
        width: Math.floor(24 / graphs),
        left: keywords.map((keyword) => figure(METRICS.smsCommands, SERVICES.sms, { keyword })),
      }),
  );
}

/** Notifications queued (by the notifier and the fan-out jobs) and what the senders made of them; the queues; the stream's lag. */
function notificationGraphs(functions: VillageTradeFunctions): GraphWidget[] {
  const { outgoing, fanoutQueue } = functions.notifications;
  const queues = [
    { queue: outgoing, label: 'Outgoing (pages)' },
    { queue: fanoutQueue, label: 'Fanout (jobs)' },
  ];
  return [
    new GraphWidget({
      title: 'Notifications',
      left: [
        ...[SERVICES.notifier, SERVICES.fanout].map((service) => figure(METRICS.smsQueued, service)),
        ...[METRICS.smsSent, METRICS.smsThrottled, METRICS.smsFailed, METRICS.smsSkipped].map((name) => figure(name, SERVICES.smsSender)),
      ],
    }),
    new GraphWidget({
      title: 'Queued pages and jobs',
      left: queues.map(({ queue, label }) => queue.metricApproximateNumberOfMessagesVisible({ label, statistic: 'Maximum' })),
    }),
    new GraphWidget({
      title: 'Oldest waiting (s)',
      left: queues.map(({ queue, label }) => queue.metricApproximateAgeOfOldestMessage({ label, statistic: 'Maximum' })),
    }),
    new GraphWidget({ title: 'Stream lag (ms)', left: [streamLag(functions)] }),
  ];
}

function dashboard(stack: Stack, functions: VillageTradeFunctions, api: HttpApi): void {
  const channels = [SERVICES.graphql, SERVICES.sms, SERVICES.ussd];
  new Dashboard(stack, 'Dashboard', {
    dashboardName: `${Aws.STACK_NAME}-business`,
    widgets: [
      [
        new GraphWidget({ title: 'Orders placed', left: channels.map((service) => figure(METRICS.ordersPlaced, service)) }),
        new GraphWidget({ title: 'USSD sessions', left: [figure(METRICS.ussdSessions, SERVICES.ussd)] }),
      ],
      notificationGraphs(functions),
      smsCommandGraphs(),
      [
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
        new GraphWidget({ title: 'API 5xx', left: [api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' })] }),
      ],
    ],
  });
  new CfnOutput(stack, 'DashboardUrl', {
    value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${Aws.STACK_NAME}-business`,
  });
}
