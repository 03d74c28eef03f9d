import { parseMajorAmount } from '../../../core/common/index.js';
import type { Words } from './command-types.js';

/** An order's, a center's or a product's own code. */
export const CODE = /^[A-Z0-9]{2,12}$/;
/** A product's code, bare or with its village (RICE5.VK3M9QA). */
export const PRODUCT = /^[A-Z0-9]{2,12}(\.[A-Z0-9]{2,20})?$/;
export const WHOLE = /^\d{1,7}$/;
export const AMOUNT = /^\d{1,12}(\.\d{1,3})?$/;

/** A command whose words are one order code and nothing else (CANCEL 7KQ2MX), or null. */
export function orderCodeOnly<Kind extends string>(kind: Kind, { folded }: Words): { kind: Kind; orderCode: string } | null {
  const [code] = folded;
  return code && CODE.test(code) && folded.length === 1 ? { kind, orderCode: code } : null;
}

/** An amount typed in major units (16500, 2.50) as minor units of `currency`; null unless it is at least one. */
export function typedAmount(text: string, currency: string): number | null {
  const amount = parseMajorAmount(text, currency);
  return amount === null || amount < 1 ? null : amount;
}

/** A command that takes no words (TASKS), or null when some follow it. */
export function wordless<Kind extends string>(kind: Kind, { typed }: Words): { kind: Kind } | null {
  return typed.length === 0 ? { kind } : null;
}
