// The only module that reads process.env. Each reader runs once, at cold start.

type Env = Record<string, string | undefined>;

interface FunctionConfig {
  tableName: string;
  region: string;
  dynamoEndpoint: string | undefined;
}

class ConfigError extends Error {}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`Missing required environment variable ${name}`);
  return value;
}

export function readFunctionConfig(env: Env = process.env): FunctionConfig {
  return {
    tableName: required(env, 'TABLE_NAME'),
    region: env.AWS_REGION ?? 'us-east-1',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
  };
}

/** The GraphQL function: introspection and the explorer page are off unless GRAPHQL_EXPLORER is 'on'. */
export function readGraphqlConfig(env: Env = process.env): { explorer: boolean } {
  return { explorer: env.GRAPHQL_EXPLORER === 'on' };
}

/** SMS commands a phone may send in 10 minutes, by its busiest role. */
export interface SmsRateLimits {
  buyer: number;
  seller: number;
  partner: number;
}

/** Partners and sellers text for their whole market on a busy day: they get more. */
export const DEFAULT_SMS_RATE_LIMITS: SmsRateLimits = { buyer: 30, seller: 60, partner: 120 };

/** "buyer=30,seller=60,partner=120": any role left out keeps its default. */
function readRateLimits(text: string | undefined): SmsRateLimits {
  const limits = { ...DEFAULT_SMS_RATE_LIMITS };
  for (const part of (text ?? '').split(',').filter((entry) => entry.trim() !== '')) {
    const [role, value] = part.split('=').map((side) => side.trim());
    const count = Number(value);
    if (!role || !(role in limits) || !Number.isInteger(count) || count < 1)
      throw new ConfigError(`SMS_RATE_LIMITS: "${part}" is not role=count (buyer, seller or partner, at least 1)`);
    limits[role as keyof SmsRateLimits] = count;
  }
  return limits;
}

interface SmsConfig extends FunctionConfig {
  twilioAuthToken: string;
  rateLimits: SmsRateLimits;
  /** The base of the URLs Twilio calls; unset behind API Gateway, where it is rebuilt from the request. */
  publicUrl: string | undefined;
}

export function readSmsConfig(env: Env = process.env): SmsConfig {
  return {
    ...readFunctionConfig(env),
    twilioAuthToken: required(env, 'TWILIO_AUTH_TOKEN'),
    rateLimits: readRateLimits(env.SMS_RATE_LIMITS),
    publicUrl: env.PUBLIC_URL || undefined,
  };
}

interface UssdConfig extends FunctionConfig {
  /** The aggregator signs nothing: its callback URL carries this secret as ?key=. */
  ussdApiKey: string;
}

export function readUssdConfig(env: Env = process.env): UssdConfig {
  return { ...readFunctionConfig(env), ussdApiKey: required(env, 'USSD_API_KEY') };
}

interface SenderConfig extends FunctionConfig {
  /**
   * Without an account nothing is sent: in Lambda it is recorded as SKIPPED. `apiBaseUrl` (TWILIO_API_BASE_URL)
   * replaces https://api.twilio.com: `npm start` points it at a local stand-in when it has no account.
   */
  twilio: { accountSid: string; authToken: string; from: string; apiBaseUrl?: string } | null;
  /** Running on Lambda (the cloud), where a message text must never reach a log. */
  onLambda: boolean;
  publicUrl: string | undefined;
}

export function readSenderConfig(env: Env = process.env): SenderConfig {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: from } = env;
  return {
    ...readFunctionConfig(env),
    twilio:
      accountSid && authToken && from
        ? { accountSid, authToken, from, ...(env.TWILIO_API_BASE_URL ? { apiBaseUrl: env.TWILIO_API_BASE_URL } : {}) }
        : null,
    onLambda: Boolean(env.AWS_LAMBDA_FUNCTION_NAME),
    publicUrl: env.PUBLIC_URL || undefined,
  };
}

/** M-Pesa Daraja (STK push). Without credentials mobile-money payment requests are refused. */
export interface MpesaConfig {
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  shortCode: string;
  passkey: string;
  /** The callback URL Daraja posts results to: <base>/payments/mpesa/callback/<secret>. */
  callbackUrl: string;
  callbackSecret: string;
  currency: string;
}

interface MobileMoneyConfig extends FunctionConfig {
  mpesa: MpesaConfig | null;
  /** Unpaid mobile-money orders are cancelled after this long. */
  expiryMinutes: number;
}

export function readMobileMoneyConfig(env: Env = process.env): MobileMoneyConfig {
  const {
    MPESA_CONSUMER_KEY: consumerKey,
    MPESA_CONSUMER_SECRET: consumerSecret,
    MPESA_SHORTCODE: shortCode,
    MPESA_PASSKEY: passkey,
  } = env;
  const callbackSecret = env.MPESA_CALLBACK_SECRET ?? '';
  const base = env.PUBLIC_URL ?? '';
  const configured = consumerKey && consumerSecret && shortCode && passkey && callbackSecret && base;
  return {
    ...readFunctionConfig(env),
    mpesa: configured
      ? {
          baseUrl: env.MPESA_BASE_URL || 'https://sandbox.safaricom.co.ke',
          consumerKey,
          consumerSecret,
          shortCode,
          passkey,
          callbackSecret,
          callbackUrl: `${base.replace(/\/$/, '')}/payments/mpesa/callback/${callbackSecret}`,
          currency: env.MPESA_CURRENCY || 'KES',
        }
      : null,
    expiryMinutes: Number(env.MOBILE_MONEY_EXPIRY_MINUTES || 60),
  };
}

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
}

/** Locally, Twilio's signatures are checked against this token unless TWILIO_AUTH_TOKEN is set. */
export const LOCAL_TWILIO_AUTH_TOKEN = 'local-dev-twilio-auth-token';

/** Locally, the USSD callback's ?key= unless USSD_API_KEY is set. */
export const LOCAL_USSD_API_KEY = 'local-dev-ussd-key';

export function readLocalConfig(env: Env = process.env): LocalConfig {
  const port = Number(env.PORT ?? 4000);
  const mobileMoneyEnvironment = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => /^(MPESA_|MOBILE_MONEY_)/.test(entry[0]) && entry[1] !== undefined),
  );
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
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
    mobileMoney: Object.keys(mobileMoneyEnvironment).some((name) => name.startsWith('MPESA_'))
      ? 'daraja'
      : env.LOCAL_MPESA === 'off'
        ? 'off'
        : 'local',
  };
}

/** The command-line helpers (npm run sms, npm run ussd): the running local server they talk to. */
export function readHelperConfig(env: Env = process.env): { serverUrl: string } {
  return { serverUrl: (env.VILLAGE_TRADE_URL || 'http://127.0.0.1:4000').replace(/\/$/, '') };
}

/** The environment a Lambda function of ours receives, for running the handlers outside Lambda. */
export function functionEnvironment(config: FunctionConfig): Record<string, string> {
  // Outside Lambda no CloudWatch reads the metrics, so they are not written out.
  const env: Record<string, string> = { TABLE_NAME: config.tableName, AWS_REGION: config.region, POWERTOOLS_METRICS_DISABLED: 'true' };
  if (config.dynamoEndpoint) env.DYNAMODB_ENDPOINT = config.dynamoEndpoint;
  return env;
}
