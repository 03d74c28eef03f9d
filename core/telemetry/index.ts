export { METRICS, METRICS_NAMESPACE, SERVICES } from './metric-names.js';
export { countMetric, logger, maskPhones } from './telemetry.js';
