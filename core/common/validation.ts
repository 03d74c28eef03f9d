import { BusinessError, InvalidInputError } from './errors.js';
import { isCurrency, MAX_AMOUNT, type Money } from './money.js';
import { normalizePhone } from './phone.js';

export function cleanText(field: string, value: string, maxLength: number): string | InvalidInputError {
  const text = value.trim().replace(/\s+/g, ' ');
  if (text.length === 0) return new InvalidInputError(field, 'must not be empty');
  if (text.length > maxLength) return new InvalidInputError(field, `must be at most ${maxLength} characters`);
  return text;
}

/** Short codes (products, centers) are typed on keypads: letters and digits, any case in, upper case stored. */
export function cleanCode(field: string, value: string): string | InvalidInputError {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,12}$/.test(code)) return new InvalidInputError(field, 'must be 2 to 12 letters or digits');
  return code;
}

/** Ids we generated (villages, shops): letters and digits, so that no oversized value reaches DynamoDB. */
export function cleanId(field: string, value: string): string | InvalidInputError {
  const id = value.trim().toUpperCase();
  return /^[A-Z0-9]{2,20}$/.test(id) ? id : new InvalidInputError(field, 'is not a valid id');
}

export function cleanPhone(field: string, value: string): string | InvalidInputError {
  return normalizePhone(value) ?? new InvalidInputError(field, 'must be a phone number in international format, such as +255754000001');
}

export function checkInteger(field: string, value: number, min: number, max: number): number | InvalidInputError {
  if (!Number.isInteger(value) || value < min || value > max) {
    return new InvalidInputError(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

type Valid<T> = { [K in keyof T]: Exclude<T[K], BusinessError> };

/** The cleaned fields, or the first field's error. */
export function collect<T extends Record<string, unknown>>(fields: T): Valid<T> | BusinessError {
  const error = Object.values(fields).find((value): value is BusinessError => value instanceof BusinessError);
  return error ?? (fields as Valid<T>);
}

export function validateMoney(field: string, money: Money): Money | InvalidInputError {
  const currency = money.currency.trim().toUpperCase();
  if (!isCurrency(currency)) return new InvalidInputError(field, `unknown currency ${money.currency}`);
  if (!Number.isSafeInteger(money.amount) || money.amount < 1 || money.amount > MAX_AMOUNT) {
    return new InvalidInputError(field, `amount must be a whole number of minor units from 1 to ${MAX_AMOUNT}`);
  }
  return { amount: money.amount, currency };
}
