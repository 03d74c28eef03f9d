import { readMobileMoneyConfig } from '../core/config/index.js';
import { createStore } from '../core/db/index.js';

/** One configuration and one DynamoDB client per function instance, made at cold start. */
const config = readMobileMoneyConfig();

export const store = createStore({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });

/** M-Pesa where it is configured: every function that can take an order may start a payment. */
export const mpesa = config.mpesa;
export const mobileMoneyExpiryMinutes = config.expiryMinutes;
