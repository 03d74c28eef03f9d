export { withSecrets } from './secrets.js';
export {
  DEFAULT_SMS_RATE_LIMITS,
  type MpesaConfig,
  type QueueConfig,
  readFunctionConfig,
  readGraphqlConfig,
  readMobileMoneyConfig,
  readOAuthConfig,
  readQueueConfig,
  readSenderConfig,
  readSendingRate,
  readSmsConfig,
  readUssdConfig,
  readWebhookConfig,
  type SmsRateLimits,
  type WebhookConfig,
} from './settings.js';
