// The only module that reads process.env. Each reader runs once, at cold start.

type Env = Record<string, string | undefined>;

export interface FunctionConfig {
  tableName: string;
  region: string;
  dynamoEndpoint: string | undefined;
}

export class ConfigError extends Error {}

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

export interface LocalConfig {
  port: number;
  tableName: string;
  dynamoEndpoint: string | undefined;
  inMemory: boolean;
  adminApiKey: string | undefined;
}

export function readLocalConfig(env: Env = process.env): LocalConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    tableName: env.TABLE_NAME || 'village-trade',
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    inMemory: env.IN_MEMORY === '1' || env.IN_MEMORY === 'true',
    adminApiKey: env.ADMIN_API_KEY || undefined,
  };
}

/** The environment a Lambda function of ours receives, for running the handlers outside Lambda. */
export function functionEnvironment(config: FunctionConfig): Record<string, string> {
  const env: Record<string, string> = { TABLE_NAME: config.tableName, AWS_REGION: config.region };
  if (config.dynamoEndpoint) env.DYNAMODB_ENDPOINT = config.dynamoEndpoint;
  return env;
}
