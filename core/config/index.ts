export { withSecrets } from './secrets.js';
export {
  DEFAULT_SMS_RATE_LIMITS,
  type MpesaConfig,
  readFunctionConfig,
  readGraphqlConfig,
  readMobileMoneyConfig,
  readSenderConfig,
  readSmsConfig,
  readUssdConfig,
  type SmsRateLimits,
} from './settings.js';
