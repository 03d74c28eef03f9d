export { METRICS, METRICS_NAMESPACE, SERVICES, type Service } from './metric-names.js';
export { asService, countMetric, logger, maskPhones } from './telemetry.js';
