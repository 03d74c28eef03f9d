import { execute, type GraphQLError } from 'graphql';
import type { RequestContext } from '../core/access/index.js';
import { schema } from '../schema/index.js';
import type { TadaDocumentNode } from './operations/graphql.js';

/** A GraphQL error in a document of ours is a bug, not a villager's mistake. */
class ChannelOperationError extends Error {}

/** The variables may be left out only when the operation has no required one. */
type VariablesArgument<TVariables> = object extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/**
 * Runs one of the channels' operations (channels/operations/) in-process, as the caller in the context.
 * The documents are constants of this code base, each validated against the schema by the test suite
 * (tests/unit/channel-operations.test.ts), so they run without graphql-js's validation: the functions
 * carry none of its rules.
 */
export async function runOperation<TResult, TVariables extends { readonly [name: string]: unknown }>(
  ctx: RequestContext,
  document: TadaDocumentNode<TResult, TVariables>,
  ...[variableValues]: VariablesArgument<TVariables>
): Promise<TResult> {
  const result = await execute({ schema, document, variableValues, contextValue: ctx });
  if (result.errors?.length) throw operationError(result.errors);
  // The one cast: execute() returns an untyped map, whose shape the document's type describes.
  return result.data as TResult;
}

const operationError = (errors: readonly GraphQLError[]) =>
  new ChannelOperationError(errors.map((error) => error.message).join('; '), { cause: errors[0] });
