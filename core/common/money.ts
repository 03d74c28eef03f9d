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

/** "TZS 16,500.00" (or "TZS 16,500" when compact and the minor part is zero): the amount for people. */
export function formatMoney(money: Money, options: { compact?: boolean } = {}): string {
  const digits = minorDigits(money.currency);
  const shown = options.compact && money.amount % 10 ** digits === 0 ? 0 : digits;
  const major = (money.amount / 10 ** digits).toLocaleString('en', {
    minimumFractionDigits: shown,
    maximumFractionDigits: shown,
  });
  return `${money.currency} ${major}`;
}

/** "16500" or "16500.50" typed by a person, in major units of the currency, as minor units; null if it is no amount we take. */
export function parseMajorAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[2]?.length ?? 0) > digits) return null;
  const amount = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
  // Beyond the largest amount we store it is no amount at all (and no 32-bit GraphQL Int).
  return Number.isSafeInteger(amount) && amount <= MAX_AMOUNT ? amount : null;
}
