import { initGraphQLTada } from 'gql.tada';
import { type DocumentNode, Kind } from 'graphql';
import type { introspection } from './graphql-env.d.ts';

const parseDocument = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
}>();

/**
 * The `graphql` tag of the channels' operations, typed from schema/schema.graphql through
 * graphql-env.d.ts (`npm run print-schema` writes both). Fragments are not masked: a spread's fields
 * are read where it is spread. Each document is parsed by gql.tada the first time it is run, not when
 * its module loads: a cold start parsed every document of its function before its first request, and
 * a request runs one or two of them.
 */
export const graphql = ((source: string, fragments?: readonly DocumentNode[]) => {
  let definitions: DocumentNode['definitions'] | undefined;
  // What graphql-js's execute reads of a document: its kind and its definitions.
  return {
    kind: Kind.DOCUMENT,
    get definitions() {
      definitions ??= (parseDocument(source, fragments as Parameters<typeof parseDocument>[1]) as DocumentNode).definitions;
      return definitions;
    },
  };
}) as unknown as typeof parseDocument;

export type { ResultOf, TadaDocumentNode, VariablesOf } from 'gql.tada';
