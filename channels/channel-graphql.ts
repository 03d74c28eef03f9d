import { type DocumentNode, execute, type GraphQLError, validate } from 'graphql';
import type { RequestContext } from '../core/access/index.js';
import { schema } from '../schema/index.js';
import type { TadaDocumentNode } from './operations/graphql.js';

/** A GraphQL error in a document of ours is a bug, not a villager's mistake. */
class ChannelOperationError extends Error {}

/** The operations are module constants: each is validated against the schema once, on its first run. */
const validated = new WeakSet<DocumentNode>();

/** The variables may be left out only when the operation has no required one. */
type VariablesArgument<TVariables> = object extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** Runs one of the channels' operations (channels/operations/) in-process, as the caller in the context. */
export async function run<TResult, TVariables extends { readonly [name: string]: unknown }>(
  ctx: RequestContext,
  document: TadaDocumentNode<TResult, TVariables>,
  ...[variableValues]: VariablesArgument<TVariables>
): Promise<TResult> {
  if (!validated.has(document)) {
    const errors = validate(schema, document);
    if (errors.length) throw operationError(errors);
    validated.add(document);
  }
  const result = await execute({ schema, document, variableValues, contextValue: ctx });
  if (result.errors?.length) throw operationError(result.errors);
  // The one cast: execute() returns an untyped map, whose shape the document's type describes.
  return result.data as TResult;
}

const operationError = (errors: readonly GraphQLError[]) =>
  new ChannelOperationError(errors.map((error) => error.message).join('; '), { cause: errors[0] });
