// The settings deployed code reads, and the only module of it that reads process.env (local runs
// have their own, local/local-settings.ts). Each reader runs once, at cold start.

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
export function readGraphqlConfig(env: Env = process.env): { explorer: boolean; onLambda: boolean } {
  return { explorer: env.GRAPHQL_EXPLORER === 'on', onLambda: Boolean(env.AWS_LAMBDA_FUNCTION_NAME) };
}

/** The OAuth endpoints: the issuer is PUBLIC_URL where it is set, else the address API Gateway was called by. */
export function readOAuthConfig(env: Env = process.env): { publicUrl: string | undefined } {
  return { publicUrl: env.PUBLIC_URL || undefined };
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

/** The queues notifications go through: pages of notifications to send, and jobs that list many phones. */
export interface QueueConfig {
  outgoingQueueUrl: string;
  fanoutQueueUrl: string;
  /** A local stand-in for SQS (`npm start`); unset on Lambda. */
  sqsEndpoint: string | undefined;
}

export function readQueueConfig(env: Env = process.env): QueueConfig {
  return {
    outgoingQueueUrl: required(env, 'OUTGOING_QUEUE_URL'),
    fanoutQueueUrl: required(env, 'FANOUT_QUEUE_URL'),
    sqsEndpoint: env.SQS_ENDPOINT || undefined,
  };
}

/** The queue app webhooks wait on, and whether we run in the cloud (where webhooks reach only public addresses). */
export interface WebhookConfig {
  webhooksQueueUrl: string;
  /** A local stand-in for SQS (`npm start`); unset on Lambda. */
  sqsEndpoint: string | undefined;
  /** Not on Lambda: webhooks may go to http://127.0.0.1 (tests and the simulator). */
  isLocal: boolean;
}

export function readWebhookConfig(env: Env = process.env): WebhookConfig {
  return {
    webhooksQueueUrl: required(env, 'WEBHOOKS_QUEUE_URL'),
    sqsEndpoint: env.SQS_ENDPOINT || undefined,
    isLocal: !env.AWS_LAMBDA_FUNCTION_NAME,
  };
}

function positiveNumber(env: Env, name: string, fallback: number): number {
  const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name}: "${env[name]}" is not a positive number`);
  return value;
}

/**
 * How fast the SMS provider takes messages (SMS_MAX_PER_SECOND, for every sender together) and how
 * many senders may run at once (SMS_SENDERS: the sender function's reserved concurrency): each sends
 * at most the one divided by the other a second.
 */
export function readSendingRate(env: Env = process.env): { maxPerSecond: number; senders: number; perSender: number } {
  const maxPerSecond = positiveNumber(env, 'SMS_MAX_PER_SECOND', 100);
  const senders = Math.floor(positiveNumber(env, 'SMS_SENDERS', 1));
  return { maxPerSecond, senders, perSender: maxPerSecond / senders };
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
