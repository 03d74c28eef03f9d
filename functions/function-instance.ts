import { readMobileMoneyConfig, withSecrets } from '../core/config/index.js';
import { createStore } from '../core/db/index.js';

/** The function's settings, its secrets read once at cold start (from Secrets Manager in the cloud). */
export const settings = await withSecrets();

const config = readMobileMoneyConfig(settings);

/** One DynamoDB client per function instance, made at cold start. */
export const store = createStore({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });

/** M-Pesa where it is configured: every function that can take an order may start a payment. */
export const mpesa = config.mpesa;
export const mobileMoneyExpiryMinutes = config.expiryMinutes;
