// Times what the GraphQL request limits (functions/graphql-limits.ts) add to a typical app query, and
// prints medians: parsing with and without the parser's token limit, validation with and without
// measuring the request (aliases, depth, directives, cost), and their difference per request,
// against a goal of under 1 ms. No database: only parse, validate and the measure run.
import { type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { MAX_TOKENS, measureRequest, overLimit } from '../functions/graphql-limits.js';
import { schema } from '../schema/index.js';
import { median } from './bench-support.js';

const WARMUP = 2_000;
const REQUESTS = 20_000;
const GOAL_MICROSECONDS = 1_000;

const queries = {
  'products search':
    'query { products(search: "rice", first: 20) { nodes { id code name unit price { amount currency formatted } stock shop { name village { name } } } pageInfo { hasNextPage endCursor } } }',
  'my orders':
    'query { myOrders(first: 20) { __typename ... on MyOrdersSuccess { data { nodes { code status createdAt total { formatted } shop { name } } pageInfo { hasNextPage endCursor } } } } }',
};

const microseconds = (value: number) => `${value.toFixed(1)} µs`;

/**
 * Median microseconds per call of a step without, then with, a limit. They take turns in an order
 * that flips every request (A B, B A, A B...), so neither always runs first or after the other: a
 * call's time depends on what ran just before it (plain parsing, always run right after a
 * validation, once looked 0.7 µs slower than parsing with the limit).
 */
function compare(without: () => unknown, withLimit: () => unknown): [number, number] {
  const steps = [without, withLimit];
  const times: number[][] = [[], []];
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    for (const s of i % 2 ? [1, 0] : [0, 1]) {
      const started = performance.now();
      steps[s]!();
      if (i >= WARMUP) times[s]!.push((performance.now() - started) * 1000);
    }
  }
  return [median(times[0]!), median(times[1]!)];
}

console.log(`GraphQL limits check (tokens, aliases, depth, cost), ${REQUESTS} requests each, medians:`);
const added: [string, number][] = [];
for (const [name, source] of Object.entries(queries)) {
  const document = parse(source, { maxTokens: MAX_TOKENS });
  // A query the schema rejects would stop validation early and flatter the figures.
  const errors = validate(schema, document, specifiedRules);
  if (errors.length) throw new Error(`${name} is not valid: ${errors.map((error) => error.message).join('; ')}`);
  const operation = document.definitions[0] as OperationDefinitionNode;
  if (overLimit(measureRequest(schema, document, operation, {}))) throw new Error(`${name} is over a limit`);

  const [parsePlain, parseLimited] = compare(
    () => parse(source),
    () => parse(source, { maxTokens: MAX_TOKENS }),
  );
  const [validatePlain, validateLimited] = compare(
    () => validate(schema, document, specifiedRules),
    () => validate(schema, document, specifiedRules) && overLimit(measureRequest(schema, document, operation, {})),
  );
  const limits = parseLimited - parsePlain + (validateLimited - validatePlain);
  added.push([name, limits]);
  console.log(
    `  ${name}: parse ${microseconds(parsePlain)} (${microseconds(parseLimited)} with the token limit), ` +
      `validation ${microseconds(validatePlain)} (${microseconds(validateLimited)} with the limits): ` +
      `the limits add ${microseconds(limits)}; goal under 1 ms`,
  );
}
const verdicts = added.map(([name, limits]) => `${name} ${limits < GOAL_MICROSECONDS ? 'met' : 'NOT met'} (${microseconds(limits)})`);
console.log(`Goal (the limits add under 1 ms per request): ${verdicts.join(', ')}`);
