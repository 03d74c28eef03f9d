import { readFunctionConfig } from '../core/config.js';
import { createStore } from '../core/store.js';

/** One configuration and one DynamoDB client per function instance, made at cold start. */
const config = readFunctionConfig();

export const store = createStore({ tableName: config.tableName, region: config.region, endpoint: config.dynamoEndpoint });
