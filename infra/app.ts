import { App } from 'aws-cdk-lib';
import { VillageTradeStack } from './village-trade-stack.js';

const app = new App();

// Account and region come from the deploying CLI's profile, so the stack stays environment-agnostic.
new VillageTradeStack(app, 'VillageTradeStack', {
  description: 'Village Trade: GraphQL API on Lambda over a single DynamoDB table',
});
