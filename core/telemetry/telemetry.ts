import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from './metric-names.js';

/** A phone number as it may appear in a logged value: E.164, with or without the plus. */
const PHONE = /(?<!\w)\+?\d{9,15}(?!\w)/g;

/** All but the last 3 digits hidden: enough to tell two callers apart in a log, not to call them. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => `${'*'.repeat(phone.length - 3)}${phone.slice(-3)}`);
}

/**
 * The one logger: a JSON object per line, with the Lambda request id and cold start once a handler
 * has called `logger.addContext(context)`. Every string value is written with its phone numbers masked.
 * Levels: ERROR for faults only (an alarm counts them); business outcomes are INFO or WARN.
 */
export const logger = new Logger({ jsonReplacerFn: (_key, value) => (typeof value === 'string' ? maskPhones(value) : value) });

// Made at the first count, once the function's settings are in the environment.
let metrics: Metrics | undefined;

/**
 * Counts one business event (core/telemetry/metric-names.ts) as a CloudWatch metric, written at once
 * as an embedded-metric log line. Off where POWERTOOLS_METRICS_DISABLED is set (locally).
 */
export function countMetric(name: string, dimensions: Record<string, string> = {}): void {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE });
  const single = metrics.singleMetric();
  single.addDimensions(dimensions);
  single.addMetric(name, MetricUnit.Count, 1);
}
