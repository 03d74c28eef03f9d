export {
  functionEnvironment,
  LOCAL_TWILIO_AUTH_TOKEN,
  type MpesaConfig,
  readFunctionConfig,
  readLocalConfig,
  readMobileMoneyConfig,
  readSenderConfig,
  readSmsConfig,
  readUssdConfig,
} from './settings.js';
