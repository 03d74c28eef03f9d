import { describe, expect, it } from 'vitest';
import {
  addToBook,
  BOOK_SIZE,
  normalizeName,
  normalizePlace,
  type PriceBook,
  type PriceReport,
  summarize,
} from '../../core/prices/market-price.js';

const report = (amount: number, reportedAt: string, unit = 'kg', currency = 'TZS'): PriceReport => ({
  id: `${amount}-${reportedAt}`,
  commodity: 'maize',
  market: 'Arusha',
  unit,
  price: { amount, currency },
  reportedAt,
  reportedBy: '+255754000001',
});

const bookOf = (reports: PriceReport[]): PriceBook =>
  reports.reduce<PriceBook | null>((book, next) => addToBook(book, next), null) ?? {
    commodity: 'maize',
    market: 'Arusha',
    points: [],
    version: 0,
  };

describe('summarize', () => {
  it('takes the middle price of an odd count and the rounded mean of the middle two of an even count', () => {
    const odd = summarize(
      bookOf([report(30, '2026-11-01T00:00:00Z'), report(10, '2026-11-03T00:00:00Z'), report(20, '2026-11-02T00:00:00Z')]),
    );
    expect(odd[0]).toMatchObject({ market: 'Arusha', min: 10, median: 20, max: 30, reportCount: 3, latestDate: '2026-11-03' });
    const even = summarize(bookOf([report(10, '2026-11-01T00:00:00Z'), report(15, '2026-11-01T00:00:00Z')]));
    expect(even[0]!.median).toBe(13);
  });

  it('keeps units and currencies apart', () => {
    const groups = summarize(
      bookOf([
        report(2, '2026-11-01T00:00:00Z'),
        report(3, '2026-11-01T00:00:00Z', 'bag'),
        report(4, '2026-11-01T00:00:00Z', 'kg', 'KES'),
        report(5, '2026-11-02T00:00:00Z'),
      ]),
    );
    expect(groups.map((g) => [g.unit, g.currency, g.reportCount])).toEqual([
      ['bag', 'TZS', 1],
      ['kg', 'KES', 1],
      ['kg', 'TZS', 2],
    ]);
  });

  it('is empty for an empty book', () => {
    expect(summarize({ commodity: 'maize', market: 'Arusha', points: [] })).toEqual([]);
  });
});

describe('a market book', () => {
  it('keeps the window before its newest report, whatever order reports arrive in', () => {
    const book = bookOf([
      report(1, '2026-11-20T00:00:00Z'),
      report(2, '2026-11-01T00:00:00Z'),
      report(3, '2026-11-05T23:59:59.999Z'),
      report(4, '2026-11-06T00:00:00.000Z'),
    ]);
    expect(book.points.map((p) => p.amount)).toEqual([1, 4]);
    expect(book.version).toBe(4);
  });

  it('keeps only the newest reports once it is full', () => {
    const reports = Array.from({ length: BOOK_SIZE + 10 }, (_, i) => report(i, new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString()));
    const book = bookOf(reports);
    expect(book.points).toHaveLength(BOOK_SIZE);
    expect(Math.min(...book.points.map((p) => p.amount))).toBe(10);
  });
});

describe('names', () => {
  it('normalizes commodities to lower case and markets to capitalized words', () => {
    expect(normalizeName('  Maize   Flour ')).toBe('maize flour');
    expect(normalizePlace('arusha  CENTRAL')).toBe('Arusha Central');
  });
});
