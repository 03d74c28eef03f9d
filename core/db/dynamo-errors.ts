import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/** Why one item of a cancelled transaction failed, with the item as it was when the condition checked it. */
export interface ItemFailure {
  code: string;
  item: Record<string, unknown> | null;
}

/**
 * For a cancelled transaction, one entry per transact item: the failure of that item, or
 * undefined when it did not fail. Null when the error is something else.
 */
export function transactionFailures(error: unknown): (ItemFailure | undefined)[] | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  return (error.CancellationReasons ?? []).map((reason) =>
    reason.Code && reason.Code !== 'None' ? { code: reason.Code, item: reason.Item ? unmarshall(reason.Item) : null } : undefined,
  );
}

export function failedCondition(failures: (ItemFailure | undefined)[] | null, index: number): boolean {
  return failures?.[index]?.code === 'ConditionalCheckFailed';
}

/** True when a transaction lost a race with another one and may simply be tried again. */
export function isTransactionConflict(failures: (ItemFailure | undefined)[]): boolean {
  return failures.some((failure) => failure?.code === 'TransactionConflict');
}
