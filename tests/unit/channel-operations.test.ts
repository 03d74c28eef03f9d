import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFromSDL, minifyIntrospection, outputIntrospectionFile } from 'gql.tada/internal';
import { type DocumentNode, Kind, NoUnusedFragmentsRule, specifiedRules, validate } from 'graphql';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { runOperation } from '../../channels/channel-graphql.js';
import type { ConfirmDelivery } from '../../channels/operations/delivery-operations.js';
import type { ResultOf, VariablesOf } from '../../channels/operations/graphql.js';
import { MyOrders, PlaceOrder } from '../../channels/operations/order-operations.js';
import { schema } from '../../schema/index.js';
import { SCHEMA_FILE } from '../../schema/printed-schema.js';

const CHANNELS_DIR = new URL('../../channels/', import.meta.url);
const OPERATIONS_DIR = new URL('operations/', CHANNELS_DIR);
const ENV_FILE = new URL('graphql-env.d.ts', OPERATIONS_DIR);

/** Every document exported by channels/operations/, by file and export name. */
const documents: [string, DocumentNode][] = [];
for (const file of readdirSync(OPERATIONS_DIR)
  .filter((name) => name.endsWith('-operations.ts'))
  .sort()) {
  const exports: Record<string, unknown> = await import(new URL(file, OPERATIONS_DIR).href);
  for (const [name, value] of Object.entries(exports)) documents.push([`${file} ${name}`, value as DocumentNode]);
}

describe('the channels operations', () => {
  it('are typed from the current schema (run `npm run print-schema` after a schema change)', async () => {
    // What `gql-tada generate-output` writes, from the schema.graphql that the snapshot test holds to Pothos.
    const { introspection } = await loadFromSDL({ file: SCHEMA_FILE }).load();
    const fresh = outputIntrospectionFile(minifyIntrospection(introspection), { fileType: '.d.ts', shouldPreprocess: true });
    expect(fresh === readFileSync(ENV_FILE, 'utf8'), 'channels/operations/graphql-env.d.ts is stale: run `npm run print-schema`').toBe(
      true,
    );
  });

  it('are all found', () => {
    expect(documents.length).toBeGreaterThan(25);
    for (const [name, document] of documents) expect(document.kind, name).toBe(Kind.DOCUMENT);
  });

  // gql.tada types a field the schema lacks as `unknown`, which tsc lets pass wherever the value
  // is only passed on; graphql-js validation against the executable schema catches every one.
  it.each(documents)('%s is valid against the schema', (_name, document) => {
    // A fragment on its own is unused by definition; the operations that spread it are checked with it.
    const fragmentOnly = document.definitions.every((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
    const rules = fragmentOnly ? specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule) : specifiedRules;
    expect(validate(schema, document, rules).map((error) => error.message)).toEqual([]);
  });

  it('are the only GraphQL the channels hold, and runOperation() the only way they run it', () => {
    const root = fileURLToPath(CHANNELS_DIR);
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.startsWith('operations/') && file !== 'channel-graphql.ts',
    );
    const offences = files.flatMap((file) => {
      const source = readFileSync(`${root}${file}`, 'utf8');
      return [
        /from '(graphql|gql\.tada)(\/[^']*)?'/.test(source) ? `${file} imports graphql` : [],
        /\b(query|mutation)\s+\w+\s*[({]|\.\.\.\s*on\s+[A-Z]/.test(source) ? `${file} holds a GraphQL document` : [],
      ].flat();
    });
    expect(files.length).toBeGreaterThan(20);
    expect(offences, `move them to ${relative(process.cwd(), fileURLToPath(OPERATIONS_DIR))}/`).toEqual([]);
  });

  it('have names of their own', () => {
    const names = documents.flatMap(([, document]) =>
      document.definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [],
      ),
    );
    expect(names.length).toBe(new Set(names).size);
  });

  it('type results, variables and enums from the schema', () => {
    type Placed = ResultOf<typeof PlaceOrder>['placeOrder'];
    expectTypeOf<Placed['__typename']>().toEqualTypeOf<
      'ForbiddenError' | 'IdempotencyKeyReusedError' | 'InvalidInputError' | 'NotFoundError' | 'OutOfStockError' | 'PlaceOrderSuccess'
    >();
    expectTypeOf<Extract<Placed, { __typename: 'OutOfStockError' }>>().toEqualTypeOf<{
      __typename: 'OutOfStockError';
      productCode: string;
      available: number;
    }>();
    expectTypeOf<VariablesOf<typeof PlaceOrder>['input']['paymentMethod']>().toEqualTypeOf<'CASH' | 'MOBILE_MONEY'>();
    type Listed = Extract<ResultOf<typeof MyOrders>['myOrders'], { __typename: 'MyOrdersSuccess' }>['data']['nodes'][number];
    expectTypeOf<Listed['status']>().toEqualTypeOf<
      'ACCEPTED' | 'AT_CENTER' | 'CANCELLED' | 'DELIVERED' | 'PLACED' | 'RECEIVED' | 'SHIPPED'
    >();
    expectTypeOf<Listed['serviceCenter']>().toEqualTypeOf<{ name: string } | null>();
    type Delivered = Extract<ResultOf<typeof ConfirmDelivery>['confirmDelivery'], { __typename: 'ConfirmDeliverySuccess' }>['data'];
    expectTypeOf<Delivered['cashTakenAtHandover']>().toEqualTypeOf<{ amount: number; currency: string } | null>();
  });

  it('are run only with the variables they declare', () => {
    // Compiled, never called: each line must be a type error.
    const misuse = (ctx: Parameters<typeof runOperation>[0]) => {
      // @ts-expect-error a required variable left out
      void runOperation(ctx, MyOrders);
      // @ts-expect-error a value outside the enum
      void runOperation(ctx, PlaceOrder, { input: { serviceCenterId: 'C1', idempotencyKey: 'k', paymentMethod: 'CHEQUE', lines: [] } });
      // @ts-expect-error a variable of the wrong type
      void runOperation(ctx, MyOrders, { limit: '5' });
    };
    expect(misuse).toBeTypeOf('function');
  });
});
