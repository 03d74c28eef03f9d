import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** The country of a phone number (ISO 3166 alpha-2, "TZ"), or null when it names none. */
export function countryOfPhone(phone: string): string | null {
  return parsePhoneNumberFromString(phone)?.country ?? null;
}

/** A number as typed by the holder of `near` (national numbers in their country), in E.164, or null when it is not valid. */
export function normalizePhoneNear(input: string, near: string): string | null {
  const country = countryOfPhone(near);
  const parsed = parsePhoneNumberFromString(input.trim(), country ? { defaultCountry: country as CountryCode } : undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/** A phone number in E.164 (+255754000001), or null when it is not a valid number. */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed?.isValid() ? parsed.number : null;
}
