// The settings of local runs (npm start, the sms and ussd helpers, the handlers run outside Lambda).
// Nothing deployed reads them: deployed code's settings are core/config's. Each reader runs once.

type Env = Record<string, string | undefined>;

interface LocalConfig {
  port: number;
  tableName: string;
  dynamoEndpoint: string | undefined;
  inMemory: boolean;
  adminApiKey: string | undefined;
  twilioAuthToken: string;
  twilioAccountSid: string | undefined;
  twilioFrom: string | undefined;
  publicUrl: string | undefined;
  ussdApiKey: string;
  /** The MPESA_* and MOBILE_MONEY_* variables, handed on to the functions as they are. */
  mobileMoneyEnvironment: Record<string, string>;
  /** Who takes mobile money: Daraja as the MPESA_* settings say, else a local stand-in, or nobody with LOCAL_MPESA=off. */
  mobileMoney: 'daraja' | 'local' | 'off';
  /** SMS_MAX_PER_SECOND and SMS_SENDERS, handed on to the sender (core/config readSendingRate checks them). */
  sendingEnvironment: Record<string, string>;
}

/** Locally the SMS provider's rate is as a small account's, and two senders share it, unless SMS_MAX_PER_SECOND and SMS_SENDERS say. */
const LOCAL_SENDING = { SMS_MAX_PER_SECOND: '20', SMS_SENDERS: '2' };

/** Locally, Twilio's signatures are checked against this token unless TWILIO_AUTH_TOKEN is set. */
export const LOCAL_TWILIO_AUTH_TOKEN = 'local-dev-twilio-auth-token';

/** Locally, the USSD callback's ?key= unless USSD_API_KEY is set. */
export const LOCAL_USSD_API_KEY = 'local-dev-ussd-key';

/** The port npm start listens on unless PORT says otherwise. */
const DEFAULT_PORT = 4000;

function readPort(env: Env): number {
  const port = Number(env.PORT || DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return port;
}

export function readLocalConfig(env: Env = process.env): LocalConfig {
  const mobileMoneyEnvironment = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => /^(MPESA_|MOBILE_MONEY_)/.test(entry[0]) && entry[1] !== undefined),
  );
  return {
    port: readPort(env),
    tableName: env.TABLE_NAME || 'village-trade',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    inMemory: env.IN_MEMORY === '1' || env.IN_MEMORY === 'true',
    adminApiKey: env.ADMIN_API_KEY || undefined,
    twilioAuthToken: env.TWILIO_AUTH_TOKEN || LOCAL_TWILIO_AUTH_TOKEN,
    twilioAccountSid: env.TWILIO_ACCOUNT_SID || undefined,
    twilioFrom: env.TWILIO_FROM || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    ussdApiKey: env.USSD_API_KEY || LOCAL_USSD_API_KEY,
    mobileMoneyEnvironment,
    sendingEnvironment: {
      SMS_MAX_PER_SECOND: env.SMS_MAX_PER_SECOND || LOCAL_SENDING.SMS_MAX_PER_SECOND,
      SMS_SENDERS: env.SMS_SENDERS || LOCAL_SENDING.SMS_SENDERS,
    },
    mobileMoney: Object.keys(mobileMoneyEnvironment).some((name) => name.startsWith('MPESA_'))
      ? 'daraja'
      : env.LOCAL_MPESA === 'off'
        ? 'off'
        : 'local',
  };
}

/**
 * The command-line helpers (npm run sms, npm run ussd): the running local server they talk to.
 * VILLAGE_TRADE_URL names it; else it is on loopback at the port npm start was given (PORT, 4000).
 */
export function readHelperConfig(env: Env = process.env): { serverUrl: string } {
  if (env.VILLAGE_TRADE_URL) return { serverUrl: env.VILLAGE_TRADE_URL.replace(/\/$/, '') };
  const port = readPort(env);
  if (port === 0) throw new Error('PORT=0 lets npm start pick a port: set VILLAGE_TRADE_URL to the URL its banner shows.');
  return { serverUrl: `http://127.0.0.1:${port}` };
}

/** The environment a Lambda function of ours receives, for running the handlers outside Lambda. */
export function functionEnvironment(config: {
  tableName: string;
  region: string;
  dynamoEndpoint: string | undefined;
}): Record<string, string> {
  // Outside Lambda no CloudWatch reads the metrics, so they are not written out.
  const env: Record<string, string> = { TABLE_NAME: config.tableName, AWS_REGION: config.region, POWERTOOLS_METRICS_DISABLED: 'true' };
  if (config.dynamoEndpoint) env.DYNAMODB_ENDPOINT = config.dynamoEndpoint;
  return env;
}
