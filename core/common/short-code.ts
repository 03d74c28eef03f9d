import { randomInt } from 'node:crypto';

/** Letters and digits that are easy to read and type on a keypad: no 0/O, no 1/I. */
export const KEYPAD_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function shortCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += KEYPAD_ALPHABET[randomInt(KEYPAD_ALPHABET.length)];
  return code;
}
