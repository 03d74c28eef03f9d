import { describe, expect, it } from 'vitest';
import { normalizeName, normalizePlace, type PriceReport, summarize } from '../../core/prices/market-price.js';

const report = (market: string, amount: number, reportedAt: string, unit = 'kg', currency = 'TZS'): PriceReport => ({
  id: `${market}-${amount}-${reportedAt}`,
  commodity: 'maize',
  market,
  unit,
  price: { amount, currency },
  reportedAt,
  reportedBy: '+255754000001',
});

describe('summarize', () => {
  it('takes the middle price of an odd count and the rounded mean of the middle two of an even count', () => {
    const odd = summarize([
      report('A', 30, '2026-11-01T00:00:00Z'),
      report('A', 10, '2026-11-03T00:00:00Z'),
      report('A', 20, '2026-11-02T00:00:00Z'),
    ]);
    expect(odd[0]).toMatchObject({ min: 10, median: 20, max: 30, reportCount: 3, latestDate: '2026-11-03' });
    const even = summarize([report('A', 10, '2026-11-01T00:00:00Z'), report('A', 15, '2026-11-01T00:00:00Z')]);
    expect(even[0]!.median).toBe(13);
  });

  it('groups by market, unit and currency, sorted by market', () => {
    const groups = summarize([
      report('Moshi', 1, '2026-11-01T00:00:00Z'),
      report('Arusha', 2, '2026-11-01T00:00:00Z'),
      report('Arusha', 3, '2026-11-01T00:00:00Z', 'bag'),
      report('Arusha', 4, '2026-11-01T00:00:00Z', 'kg', 'KES'),
    ]);
    expect(groups.map((g) => [g.market, g.unit, g.currency])).toEqual([
      ['Arusha', 'bag', 'TZS'],
      ['Arusha', 'kg', 'TZS'],
      ['Arusha', 'kg', 'KES'],
      ['Moshi', 'kg', 'TZS'],
    ]);
  });

  it('is empty for no reports', () => {
    expect(summarize([])).toEqual([]);
  });
});

describe('names', () => {
  it('normalizes commodities to lower case and markets to capitalized words', () => {
    expect(normalizeName('  Maize   Flour ')).toBe('maize flour');
    expect(normalizePlace('arusha  CENTRAL')).toBe('Arusha Central');
  });
});
