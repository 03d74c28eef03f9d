import { type DocumentNode, Kind, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from '../../bench/load/load-operations.js';
import { schema } from '../../schema/index.js';

const documents = Object.entries(operations) as [string, DocumentNode][];

describe("the load test's GraphQL", () => {
  it('is all found', () => {
    expect(documents.length).toBeGreaterThan(5);
    for (const [name, document] of documents) expect(document.kind, name).toBe(Kind.DOCUMENT);
  });

  // gql.tada types a field the schema lacks as `unknown`; graphql-js validation against the executable schema catches every one.
  it.each(documents)('%s is valid against the schema', (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });
});
