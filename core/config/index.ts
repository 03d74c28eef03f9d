export { withSecrets } from './secrets.js';
export {
  DEFAULT_SMS_RATE_LIMITS,
  functionEnvironment,
  LOCAL_TWILIO_AUTH_TOKEN,
  type MpesaConfig,
  readFunctionConfig,
  readGraphqlConfig,
  readHelperConfig,
  readLocalConfig,
  readMobileMoneyConfig,
  readSenderConfig,
  readSmsConfig,
  readUssdConfig,
  type SmsRateLimits,
} from './settings.js';
