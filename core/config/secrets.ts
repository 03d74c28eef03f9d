import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

type Env = Record<string, string | undefined>;

/** The variable that names each secret, and which of the secret's JSON keys becomes which setting. */
const SECRETS: Record<string, Record<string, string>> = {
  TWILIO_SECRET_NAME: { TWILIO_ACCOUNT_SID: 'accountSid', TWILIO_AUTH_TOKEN: 'authToken', TWILIO_FROM: 'from' },
  USSD_SECRET_NAME: { USSD_API_KEY: 'apiKey' },
  MPESA_SECRET_NAME: {
    MPESA_CONSUMER_KEY: 'consumerKey',
    MPESA_CONSUMER_SECRET: 'consumerSecret',
    MPESA_PASSKEY: 'passkey',
    MPESA_CALLBACK_SECRET: 'callbackSecret',
  },
};

/** Settings of a secret that is missing or holds no JSON object: empty, so the feature reads as not configured. */
async function secretValues(name: string): Promise<Record<string, unknown>> {
  try {
    const value = await getSecret<Record<string, unknown>>(name, { transform: 'json' });
    return value !== null && typeof value === 'object' ? value : {};
  } catch (error) {
    if ((error as Error).cause instanceof Error && ((error as Error).cause as Error).name === 'ResourceNotFoundException') return {};
    throw error;
  }
}

/**
 * The settings with the secrets filled in. In the cloud a function's environment names its secrets
 * (`TWILIO_SECRET_NAME`...) and their values are read from Secrets Manager when it starts; locally
 * the values are the variables themselves. Run once per cold start: values stay in this object,
 * never in the process's environment.
 */
export async function withSecrets(env: Env = process.env): Promise<Env> {
  const settings: Env = { ...env };
  for (const [nameVariable, keys] of Object.entries(SECRETS)) {
    const name = env[nameVariable];
    if (!name) continue;
    const values = await secretValues(name);
    for (const [setting, key] of Object.entries(keys)) {
      const value = values[key];
      settings[setting] = typeof value === 'string' ? value : undefined;
    }
  }
  return settings;
}
