import { SegmentedMessage } from 'sms-segments-calculator/dist/libs/SegmentedMessage.js';
import { GSM_LANGUAGES, type Language } from './languages.js';

export function isGsm7(text: string): boolean {
  return new SegmentedMessage(text).encodingName === 'GSM-7';
}

/**
 * Values from the data (names, markets) made safe for a GSM-7 text: accents dropped where the
 * letter then fits ("maïs" -> "mais"), anything else that would force UCS-2 becomes "?".
 */
function gsmSafe(value: string): string {
  if (isGsm7(value)) return value;
  return [...value]
    .map((char) => {
      if (isGsm7(char)) return char;
      const plain = char.normalize('NFD').replace(/\p{M}/gu, '');
      return plain && isGsm7(plain) ? plain : '?';
    })
    .join('');
}

/** Shortens a value to at most `max` characters, marking the cut. */
export function clip(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, Math.max(1, max - 1)).join('')}.`;
}

/** A value from the data for a text in this language: in its alphabet, at most `max` characters. */
export function fitValue(language: Language, value: string, max: number): string {
  return clip(GSM_LANGUAGES.includes(language) ? gsmSafe(value) : value, max);
}
