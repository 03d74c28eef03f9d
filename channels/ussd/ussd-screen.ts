import { clip } from '../text/fit-text.js';

/** The most characters one USSD screen may show. */
export const SCREEN_LIMIT = 182;

const length = (text: string) => [...text].length;

/**
 * A screen of lines that fits the limit: `render` gets the longest a data value may be and is
 * called with smaller limits until the screen fits.
 */
export function fitScreen(render: (maxValueLength: number) => string[], limit = SCREEN_LIMIT): string {
  for (let max = 60; max >= 3; max -= 3) {
    const text = render(max).join('\n');
    if (length(text) <= limit) return text;
  }
  throw new Error(`screen does not fit ${limit} characters: ${render(3).join(' / ')}`);
}

interface Paged {
  /** Indexes into the whole list of the items on this page. */
  indexes: number[];
  hasMore: boolean;
}

const ITEM_MAX = 40;

/**
 * Splits a list into pages that fit a screen with its header and footer lines; the same list
 * always splits the same way, so a replayed path lands on the same items.
 */
export function pages(header: string, labels: string[], moreLine: string, backLine: string, limit: number): Paged[] {
  const result: Paged[] = [];
  let start = 0;
  while (start < labels.length || result.length === 0) {
    const indexes: number[] = [];
    for (let i = start; i < labels.length; i++) {
      const candidate = [...indexes, i];
      const hasMore = i + 1 < labels.length;
      const lines = [
        header,
        ...candidate.map((index, n) => `${n + 1} ${clip(labels[index]!, ITEM_MAX)}`),
        ...(hasMore ? [moreLine] : []),
        backLine,
      ];
      if (length(lines.join('\n')) > limit && indexes.length > 0) break;
      indexes.push(i);
      if (indexes.length >= 9) break;
    }
    result.push({ indexes, hasMore: start + indexes.length < labels.length });
    start += indexes.length;
    if (indexes.length === 0) break;
  }
  return result;
}

export function pageScreen(header: string, labels: string[], page: Paged, moreLine: string, backLine: string): string[] {
  return [
    header,
    ...page.indexes.map((index, n) => `${n + 1} ${clip(labels[index]!, ITEM_MAX)}`),
    ...(page.hasMore ? [moreLine] : []),
    backLine,
  ];
}
