import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * The `graphql` tag of the channels' operations: each document is parsed once, when its module
 * loads, and typed from schema/schema.graphql through graphql-env.d.ts (`npm run print-schema`
 * writes both). Fragments are not masked: a spread's fields are read where it is spread.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
}>();

export type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
