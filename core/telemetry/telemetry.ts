import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type Service } from './metric-names.js';

/** A phone number as it may appear in a logged value: E.164, with or without the plus. */
const PHONE = /(?<!\w)\+?\d{9,15}(?!\w)/g;

/** All but the last 3 digits hidden: enough to tell two callers apart in a log, not to call them. */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => `${'*'.repeat(phone.length - 3)}${phone.slice(-3)}`);
}

const jsonReplacerFn = (_key: string, value: unknown) => (typeof value === 'string' ? maskPhones(value) : value);

/** Outside any function's handler (a script, a test): the service POWERTOOLS_SERVICE_NAME names, if any. */
const outsideHandlers = new Logger({ jsonReplacerFn });
const byService = new Map<Service, Logger>();
/** The logger of the function whose handler is running: locally every function runs in one process. */
const running = new AsyncLocalStorage<Logger>();

function loggerOf(service: Service): Logger {
  let named = byService.get(service);
  if (!named) {
    named = new Logger({ serviceName: service, jsonReplacerFn });
    byService.set(service, named);
  }
  return named;
}

const current = () => running.getStore() ?? outsideHandlers;

/**
 * The one logger: a JSON object per line, naming the service of the function whose handler logs it
 * (see `asService`), with the Lambda request id and cold start once a handler has called
 * `logger.addContext(context)`. Every string value is written with its phone numbers masked.
 * Levels: ERROR for faults only (an alarm counts them); business outcomes are INFO or WARN.
 */
export const logger = {
  addContext: (...args: Parameters<Logger['addContext']>) => current().addContext(...args),
  info: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().info(input, ...extra),
  warn: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().warn(input, ...extra),
  error: (input: LogItemMessage, ...extra: LogItemExtraInput) => current().error(input, ...extra),
};

/**
 * A function's handler, whose every log line names the function's service, as POWERTOOLS_SERVICE_NAME
 * does in the cloud: locally, where all functions share one process, too. Its calls are marked pure
 * and name the service as a string (a property read might have side effects, to a bundler), so that a
 * bundle of one of a file's handlers leaves the others out.
 */
export function asService<A extends unknown[], R>(service: Service, handler: (...args: A) => R): (...args: A) => R {
  return (...args) => running.run(loggerOf(service), () => handler(...args));
}

// Made at the first count, once the function's settings are in the environment.
let metrics: Metrics | undefined;

/**
 * Counts business events (core/telemetry/metric-names.ts; one unless `count` says) as a CloudWatch
 * metric, written at once as an embedded-metric log line. Off where POWERTOOLS_METRICS_DISABLED is set (locally).
 */
export function countMetric(name: string, dimensions: Record<string, string> = {}, count = 1): void {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE });
  const single = metrics.singleMetric();
  single.addDimensions(dimensions);
  single.addMetric(name, MetricUnit.Count, count);
}
