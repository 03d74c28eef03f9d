import { SegmentedMessage } from 'sms-segments-calculator/dist/libs/SegmentedMessage.js';

function isOneSegment(text: string): boolean {
  return new SegmentedMessage(text).segmentsCount === 1;
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
