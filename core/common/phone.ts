import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** A phone number in E.164 (+255754000001), or null when it is not a valid number. */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim());
  return parsed?.isValid() ? parsed.number : null;
}
