import { describe, expect, it } from 'vitest';
import type { MarketSummary } from '../../core/prices/market-price.js';
import { kilogramsIn, marketReference } from '../../core/prices/market-reference.js';

const summary = (market: string, median: number, reportCount: number, unit = 'kg', latestDate = '2026-11-26'): MarketSummary => ({
  commodity: 'maize',
  market,
  unit,
  currency: 'TZS',
  min: median,
  median,
  max: median,
  reportCount,
  verifiedCount: 0,
  latestDate,
  changePercent: null,
});
const now = new Date('2026-11-28T15:00:00Z');
const tzs = (amount: number) => ({ amount, currency: 'TZS' });

describe('the market reference of a listing', () => {
  it('reads the kilograms a unit says it holds', () => {
    expect(kilogramsIn('kg')).toBe(1);
    expect(kilogramsIn('50 kg bag')).toBe(50);
    expect(kilogramsIn('2.5kg')).toBe(2.5);
    expect(kilogramsIn('piece')).toBeNull();
    expect(kilogramsIn('bag of 50 kg')).toBeNull();
  });

  it("takes the product's own market, else the one with the most reports, and says how old its news is", () => {
    const summaries = [summary('Arusha', 90_000, 20), summary('Mwanga', 80_000, 3, 'kg', '2026-11-28')];
    expect(marketReference(summaries, { unit: 'kg', price: tzs(85_000), market: 'Mwanga' }, now)).toMatchObject({
      market: 'Mwanga',
      median: tzs(80_000),
      daysSinceLatest: 0,
    });
    expect(marketReference(summaries, { unit: 'kg', price: tzs(85_000), market: 'Same' }, now)).toMatchObject({
      market: 'Arusha',
      daysSinceLatest: 2,
    });
  });

  it('compares a bag of so many kg per kg, and warns under 70% of the median', () => {
    const summaries = [summary('Arusha', 100_000, 5)];
    const at = (amount: number) => marketReference(summaries, { unit: '10 kg bag', price: tzs(amount), market: null }, now);
    expect(at(700_000)).toMatchObject({ askingPerUnit: tzs(70_000), belowMarket: false });
    expect(at(699_990)).toMatchObject({ askingPerUnit: tzs(69_999), belowMarket: true });
  });

  it('has none where units or currencies do not compare', () => {
    const summaries = [summary('Arusha', 100_000, 5), summary('Moshi', 4_000_000, 5, 'bag')];
    expect(marketReference(summaries, { unit: 'piece', price: tzs(1), market: null }, now)).toBeNull();
    expect(marketReference(summaries, { unit: 'kg', price: { amount: 1, currency: 'KES' }, market: null }, now)).toBeNull();
    expect(marketReference(summaries, { unit: 'Bag', price: tzs(1), market: null }, now)).toMatchObject({ market: 'Moshi' });
  });
});
