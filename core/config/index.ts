export { withSecrets } from './secrets.js';
export {
  functionEnvironment,
  LOCAL_TWILIO_AUTH_TOKEN,
  type MpesaConfig,
  readFunctionConfig,
  readGraphqlConfig,
  readLocalConfig,
  readMobileMoneyConfig,
  readSenderConfig,
  readSmsConfig,
  readUssdConfig,
} from './settings.js';
