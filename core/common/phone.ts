import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The country of a phone number (ISO 3166 alpha-2, "TZ"), or null when it names none. */
export function countryOfPhone(phone: string): string | null {
  return parsePhoneNumberFromString(phone)?.country ?? null;
}

/** A phone number in E.164 (+255754000001), or null when it is not a valid number. */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed?.isValid() ? parsed.number : null;
}
