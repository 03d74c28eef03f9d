import { InvalidInputError } from './errors.js';

/** An amount of money in integer minor units (cents, senti) of an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** The largest amount we store: GraphQL's Int is 32-bit. */
export const MAX_AMOUNT = 2_000_000_000;

const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: string): boolean {
  return currencies.has(code);
}

export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function validateMoney(field: string, money: Money): Money | InvalidInputError {
  const currency = money.currency.trim().toUpperCase();
  if (!isCurrency(currency)) return new InvalidInputError(field, `unknown currency ${money.currency}`);
  if (!Number.isSafeInteger(money.amount) || money.amount < 1 || money.amount > MAX_AMOUNT) {
    return new InvalidInputError(field, `amount must be a whole number of minor units from 1 to ${MAX_AMOUNT}`);
  }
  return { amount: money.amount, currency };
}

/** "TZS 16,500.00": the amount in major units, for people. */
export function formatMoney(money: Money): string {
  const digits = minorDigits(money.currency);
  const major = (money.amount / 10 ** digits).toLocaleString('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${money.currency} ${major}`;
}
