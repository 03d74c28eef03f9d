import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../core/access/index.js';
import { BusinessError } from '../core/common/index.js';

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  // Errors first: a loaded field's failure still becomes a union member where the field declares one.
  plugins: [ErrorsPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  errors: {
    defaultTypes: [],
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
  },
});

builder.queryType({});
builder.mutationType({});

/**
 * For a field without a result union: a refused input is the caller's error (BAD_USER_INPUT with
 * its message), never a fault.
 */
export function orBadInput<T>(result: T | BusinessError): T {
  if (result instanceof BusinessError) throw new GraphQLError(result.message, { extensions: { code: 'BAD_USER_INPUT' } });
  return result;
}

/** Services return business outcomes; the errors plugin turns a thrown one into its union member. */
export function orThrow<T>(result: T | BusinessError): T {
  if (result instanceof BusinessError) throw result;
  return result;
}
