import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits every request must pass before it runs, so that one request cannot make thousands of
 * table reads: at most 1,000 tokens (GraphQL's own parser), 15 aliases, a depth of 10 and a cost of
 * 5,000 (GraphQL Armor's weights: an object field 2, a scalar 1, each level deeper 1.5 times). Field
 * suggestions stay on: the schema is public.
 */
export const MAX_TOKENS = 1000;
export const armor = new ApolloArmor({
  maxAliases: { n: 15 },
  maxDepth: { n: 10 },
  costLimit: { maxCost: 5000 },
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: false },
}).protect();
