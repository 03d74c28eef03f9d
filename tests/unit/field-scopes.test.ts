import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCOPES } from '../../core/apps/index.js';
import { FIELD_SCOPES, fieldsBeyondScopes } from '../../schema/field-scopes.js';
import { schema } from '../../schema/index.js';

const rootFieldsOfSchema = () =>
  [schema.getQueryType()!, schema.getMutationType()!].flatMap((root) =>
    Object.keys(root.getFields()).map((field) => `${root.name}.${field}`),
  );

function beyond(document: string, scopes: string[]): string[] {
  const parsed = parse(document);
  const operation = parsed.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return fieldsBeyondScopes(operation, fragments, { clientId: 'app-x', scopes });
}

describe('the scopes of root fields', () => {
  it('names a scope, or none, for every root field of the schema, and only fields that exist', () => {
    const fields = rootFieldsOfSchema();
    expect(fields.filter((field) => !(field in FIELD_SCOPES))).toEqual([]);
    expect(Object.keys(FIELD_SCOPES).filter((field) => !fields.includes(field))).toEqual([]);
    expect(
      Object.values(FIELD_SCOPES)
        .flat()
        .every((scope) => (SCOPES as readonly string[]).includes(scope)),
    ).toBe(true);
  });

  it('finds a root field beyond the scopes through fragments, and lets __typename through', () => {
    expect(beyond('{ __typename products(first: 1) { nodes { code } } }', ['catalogue.read'])).toEqual([]);
    expect(beyond('{ ...F } fragment F on Query { ... on Query { myOrders { __typename } } }', ['catalogue.read'])).toEqual(['myOrders']);
    expect(beyond('mutation { placeOrder(input: {}) { __typename } }', ['orders.read'])).toEqual(['placeOrder']);
    expect(beyond('mutation { shipOrder(code: "X") { __typename } }', ['center.write'])).toEqual([]);
    expect(beyond('{ apps { __typename } }', [...SCOPES])).toEqual(['apps']);
  });

  it('holds no caller without a token to scopes', () => {
    const operation = parse('{ apps { __typename } }').definitions[0] as OperationDefinitionNode;
    expect(fieldsBeyondScopes(operation, {}, undefined)).toEqual([]);
  });
});
