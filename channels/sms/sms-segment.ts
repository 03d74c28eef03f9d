import { SegmentedMessage } from 'sms-segments-calculator';
import type { Language } from './sms-languages.js';

/** Languages whose replies must stay in GSM-7 (160 characters); Chinese needs UCS-2 (70). */
export const GSM_LANGUAGES: readonly Language[] = ['en', 'sw', 'fr'];

export function isOneSegment(text: string): boolean {
  return new SegmentedMessage(text).segmentsCount === 1;
}

export function isGsm7(text: string): boolean {
  return new SegmentedMessage(text).encodingName === 'GSM-7';
}

/**
 * Values from the data (names, markets) made safe for a GSM-7 reply: accents dropped where the
 * letter then fits ("maïs" -> "mais"), anything else that would force UCS-2 becomes "?".
 */
export function gsmSafe(value: string): string {
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

/**
 * Renders a reply so that it fits one segment: `render` receives the longest length any one
 * data value may have, and is called with smaller limits until the text fits.
 */
export function fitOneSegment(render: (maxValueLength: number) => string): string {
  for (let limit = 60; limit >= 3; limit -= 3) {
    const text = render(limit);
    if (isOneSegment(text)) return text;
  }
  throw new Error(`reply does not fit one SMS even with values cut short: ${render(3)}`);
}

/** As many list items as fit one segment with the head and, when some are left out, the tail. */
export function fitList(head: string, items: string[], separator: string, tail: (leftOut: number) => string): string {
  let shown = items.length;
  for (;;) {
    const leftOut = items.length - shown;
    const text = head + items.slice(0, shown).join(separator) + (leftOut > 0 ? tail(leftOut) : '');
    if (isOneSegment(text) || shown === 0) return text;
    shown--;
  }
}
