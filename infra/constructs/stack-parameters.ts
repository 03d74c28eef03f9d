import { CfnParameter, type Stack } from 'aws-cdk-lib';

// Every parameter has a default, so that a bare `cdk deploy` works; none holds a secret's value.

/** A text setting the operator may give at deploy time. */
export const textParameter = (stack: Stack, id: string, description: string, fallback: string, allowedValues?: string[]) =>
  new CfnParameter(stack, id, { default: fallback, description, allowedValues });

/** A count (0 or more, unless `minValue` says) the operator may give at deploy time. */
export const numberParameter = (stack: Stack, id: string, description: string, fallback: number, minValue = 0) =>
  new CfnParameter(stack, id, { type: 'Number', default: fallback, minValue, description });
