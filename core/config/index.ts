export { withSecrets } from './secrets.js';
export {
  DEFAULT_SMS_RATE_LIMITS,
  type MpesaConfig,
  readFunctionConfig,
  readGraphqlConfig,
  type QueueConfig,
  readMobileMoneyConfig,
  readQueueConfig,
  readSendingRate,
  readSenderConfig,
  readSmsConfig,
  readUssdConfig,
  type SmsRateLimits,
} from './settings.js';
