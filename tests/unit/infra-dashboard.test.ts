import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../channels/sms/sms-keywords.js';
import { METRICS, METRICS_NAMESPACE, SERVICES } from '../../core/telemetry/index.js';
import { VillageTradeStack } from '../../infra/village-trade-stack.js';

/** The lower of the quotas CloudWatch has published for metrics in one graph widget and in one dashboard. */
const METRICS_PER_WIDGET = 100;
const METRICS_PER_DASHBOARD = 500;

/** The dashboard's widgets, its body's tokens (stack name, region, function names) read as placeholders. */
function dashboardWidgets(): { type: string; properties: { title: string; metrics: unknown[][] } }[] {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const dashboards = Object.values<any>(
    Template.fromStack(new VillageTradeStack(app, 'DashboardStack')).findResources('AWS::CloudWatch::Dashboard'),
  );
  expect(dashboards).toHaveLength(1);
  const parts: unknown[] = dashboards[0].Properties.DashboardBody['Fn::Join'][1];
  return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'token')).join('')).widgets;
}

describe('the dashboard', () => {
  const graphs = dashboardWidgets().filter((widget) => widget.type === 'metric');

  it('graphs every command of the SMS registry, each once', () => {
    const smsCommands = graphs.flatMap((graph) => graph.properties.metrics).filter((metric) => metric[1] === 'SmsCommands');
    const keywords = smsCommands.map((metric) => metric[metric.indexOf('keyword') + 1]);
    expect(keywords).toEqual([...COMMANDS]);
    expect(smsCommands.every((metric) => metric[metric.indexOf('service') + 1] === 'sms')).toBe(true);
  });

  it('graphs the notifications: queued by the notifier and the fan-out jobs, then sent, throttled, failed or skipped by the senders', () => {
    const metrics = graphs.flatMap((graph) => graph.properties.metrics);
    const servicesOf = (name: string) =>
      metrics
        .filter((metric) => metric[0] === METRICS_NAMESPACE && metric[1] === name)
        .map((metric) => metric[metric.indexOf('service') + 1]);
    expect(servicesOf(METRICS.smsQueued).sort()).toEqual([SERVICES.fanout, SERVICES.notifier]);
    for (const name of [METRICS.smsSent, METRICS.smsThrottled, METRICS.smsFailed, METRICS.smsSkipped]) {
      expect(servicesOf(name), name).toEqual([SERVICES.smsSender]);
    }
  });

  it('graphs how many pages and jobs wait on each queue, and for how long', () => {
    const queueFigures = graphs
      .flatMap((graph) => graph.properties.metrics)
      .filter((metric) => metric[0] === 'AWS/SQS')
      .map((metric) => `${metric[1]} ${(metric.at(-1) as { label?: string }).label}`);
    expect(queueFigures.sort()).toEqual([
      'ApproximateAgeOfOldestMessage Fanout (jobs)',
      'ApproximateAgeOfOldestMessage Outgoing (pages)',
      'ApproximateNumberOfMessagesVisible Fanout (jobs)',
      'ApproximateNumberOfMessagesVisible Outgoing (pages)',
    ]);
  });

  it("stays within CloudWatch's limits of metrics a graph and a dashboard", () => {
    for (const graph of graphs) expect(graph.properties.metrics.length, graph.properties.title).toBeLessThanOrEqual(METRICS_PER_WIDGET);
    expect(graphs.flatMap((graph) => graph.properties.metrics).length).toBeLessThanOrEqual(METRICS_PER_DASHBOARD);
  });
});
