import { graphql } from 'graphql';
import type { RequestContext } from '../core/access/index.js';
import { schema } from '../schema/index.js';

/** A GraphQL error in a document of ours is a bug, not a villager's mistake. */
export class ChannelOperationError extends Error {}

/** Runs one of the channel's GraphQL operations in-process, as the caller in the context. */
export async function execute<T>(ctx: RequestContext, source: string, variableValues: Record<string, unknown> = {}): Promise<T> {
  const result = await graphql({ schema, source, variableValues, contextValue: ctx });
  if (result.errors?.length) {
    throw new ChannelOperationError(result.errors.map((error) => error.message).join('; '), { cause: result.errors[0] });
  }
  return result.data as T;
}

const OUTCOME_DETAILS: Record<string, string> = {
  NotFoundError: '... on NotFoundError { entity key }',
  OutOfStockError: '... on OutOfStockError { productCode available }',
  IllegalTransitionError: '... on IllegalTransitionError { from }',
  OrderPaidError: '... on OrderPaidError { orderCode }',
  PaymentPendingError: '... on PaymentPendingError { orderCode }',
};

/** The selection of a result union: its type, the error code, and the details of the errors it can hold. */
export function outcomeFields(...errorTypes: (keyof typeof OUTCOME_DETAILS)[]): string {
  return ['__typename', '... on Error { code }', ...errorTypes.map((type) => OUTCOME_DETAILS[type])].join(' ');
}

export interface Outcome {
  __typename: string;
  code?: string;
  entity?: string;
  key?: string;
  productCode?: string;
  available?: number;
  from?: string;
  orderCode?: string;
  data?: unknown;
}
