import { describe, expect, it } from 'vitest';
import {
  addToBook,
  BOOK_SIZE,
  normalizeName,
  normalizePlace,
  outsideSpread,
  type PriceBook,
  type PriceReport,
  summarize,
} from '../../core/prices/market-price.js';

type Report = Omit<PriceReport, 'standing'>;
let reporters = 0;
/** Each report from a phone of its own, unless one is named. */
const report = (amount: number, reportedAt: string, unit = 'kg', currency = 'TZS', reportedBy = `+2557540${++reporters}`): Report => ({
  id: `${amount}-${reportedAt}`,
  commodity: 'maize',
  market: 'Arusha',
  unit,
  price: { amount, currency },
  reportedAt,
  reportedBy,
  verified: false,
});

const bookOf = (reports: Report[]): PriceBook =>
  reports.reduce<PriceBook | null>((book, next) => addToBook(book, next).book, null) ?? {
    commodity: 'maize',
    market: 'Arusha',
    points: [],
    version: 0,
  };

const at = (day: number, hour = 8) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
/** Five reports around 1,000 on one day: a spread the rule applies to. */
const steady = () => [980, 1_000, 1_000, 1_020, 1_040].map((amount, i) => report(amount, at(10, i)));

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

describe('the spread rule', () => {
  it('finds a price far outside the others by their median absolute deviation, or 10% of the median', () => {
    const prices = [900, 950, 1_000, 1_050, 1_100];
    // Median 1,000, MAD 50: 3 x 1.4826 x 50 = 222 either side.
    expect(outsideSpread(1_222, prices)).toBe(false);
    expect(outsideSpread(1_223, prices)).toBe(true);
    expect(outsideSpread(777, prices)).toBe(true);
    // Identical prices: 10% of the median either side.
    expect(outsideSpread(1_100, [1_000, 1_000, 1_000, 1_000, 1_000])).toBe(false);
    expect(outsideSpread(1_101, [1_000, 1_000, 1_000, 1_000, 1_000])).toBe(true);
    // Too few prices to say.
    expect(outsideSpread(100_000, [1_000, 1_000, 1_000, 1_000])).toBe(false);
  });

  it('keeps an outlier out of the figures until another reporter confirms it, then counts both', () => {
    const before = bookOf(steady());
    const outlier = addToBook(before, report(5_000, at(10, 9)));
    expect(outlier.standing).toBe('AWAITING_CONFIRMATION');
    expect(summarize(outlier.book)[0]).toMatchObject({ median: 1_000, max: 1_040, reportCount: 5 });
    const confirmed = addToBook(outlier.book, report(5_400, at(10, 10)));
    expect(confirmed.standing).toBe('COUNTED');
    expect(summarize(confirmed.book)[0]).toMatchObject({ median: 1_020, max: 5_400, reportCount: 7 });
    expect(confirmed.book.pending).toEqual([]);
  });

  it('is not confirmed by its own reporter or by a price further than 10% from it', () => {
    const waiting = addToBook(bookOf(steady()), report(5_000, at(10, 9), 'kg', 'TZS', '+255754999001')).book;
    expect(addToBook(waiting, report(5_000, at(11), 'kg', 'TZS', '+255754999001')).standing).toBe('AWAITING_CONFIRMATION');
    expect(addToBook(waiting, report(5_501, at(10, 10))).standing).toBe('AWAITING_CONFIRMATION');
  });

  it("counts a partner's verified report however far it is", () => {
    const verified = addToBook(bookOf(steady()), { ...report(5_000, at(10, 9)), verified: true });
    expect(verified.standing).toBe('COUNTED');
    expect(summarize(verified.book)[0]).toMatchObject({ max: 5_000, reportCount: 6, verifiedCount: 1 });
  });
});

describe('one report a day per reporter', () => {
  it('counts the first report of a phone for a commodity and market on a day, and keeps the rest out', () => {
    let book: PriceBook | null = null;
    const standings: string[] = [];
    for (let i = 0; i < 100; i++) {
      const placed = addToBook(book, report(1_000 + i, new Date(Date.UTC(2026, 10, 10, 0, i)).toISOString(), 'kg', 'TZS', '+255754999002'));
      book = placed.book;
      standings.push(placed.standing);
    }
    expect(summarize(book!)[0]).toMatchObject({ reportCount: 1, median: 1_000 });
    expect(standings.filter((standing) => standing === 'COUNTED')).toHaveLength(1);
    expect(addToBook(book, report(1_000, at(11), 'kg', 'TZS', '+255754999002')).standing).toBe('COUNTED');
  });
});

describe('the trend', () => {
  it("compares the newest 7 days' median with the 7 days before", () => {
    const book = bookOf([report(1_000, at(1)), report(1_000, at(2)), report(1_060, at(9)), report(1_080, at(10)), report(1_040, at(11))]);
    // Before 2026-11-04T08:00: median 1,000; after: 1,060.
    expect(summarize(book)[0]!.changePercent).toBe(6);
    expect(summarize(bookOf([report(1_000, at(9)), report(900, at(10))]))[0]!.changePercent).toBeNull();
    expect(summarize(bookOf([report(1_000, at(1)), report(900, at(9))]))[0]!.changePercent).toBe(-10);
  });

  it('keeps some of the week before in a full book', () => {
    const lastWeek = Array.from({ length: 20 }, (_, i) => report(1_000, at(1, i)));
    const thisWeek = Array.from({ length: 60 }, (_, i) => report(1_100, new Date(Date.UTC(2026, 10, 10, 0, i)).toISOString()));
    const book = bookOf([...lastWeek, ...thisWeek]);
    expect(book.points).toHaveLength(BOOK_SIZE);
    expect(book.points.filter((p) => p.amount === 1_000)).toHaveLength(15);
    expect(summarize(book)[0]!.changePercent).toBe(10);
  });
});

describe('names', () => {
  it('normalizes commodities to lower case and markets to capitalized words', () => {
    expect(normalizeName('  Maize   Flour ')).toBe('maize flour');
    expect(normalizePlace('arusha  CENTRAL')).toBe('Arusha Central');
  });
});
