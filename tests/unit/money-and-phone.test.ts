import { describe, expect, it } from 'vitest';
import { formatMoney, InvalidInputError, MAX_AMOUNT, normalizePhone, parseMajorAmount, validateMoney } from '../../core/common/index.js';

describe('money', () => {
  it("formats minor units with the currency's own number of decimals", () => {
    expect(formatMoney({ amount: 1_650_000, currency: 'TZS' })).toBe('TZS 16,500.00');
    expect(formatMoney({ amount: 5000, currency: 'UGX' })).toBe('UGX 5,000');
    expect(formatMoney({ amount: 1234, currency: 'KWD' })).toBe('KWD 1.234');
  });

  it('accepts ISO 4217 codes in any case and whole amounts only', () => {
    expect(validateMoney('price', { amount: 100, currency: 'kes' })).toEqual({ amount: 100, currency: 'KES' });
    expect(validateMoney('price', { amount: 100, currency: 'XYZ' })).toBeInstanceOf(InvalidInputError);
    expect(validateMoney('price', { amount: 1.5, currency: 'KES' })).toBeInstanceOf(InvalidInputError);
    expect(validateMoney('price', { amount: MAX_AMOUNT + 1, currency: 'KES' })).toBeInstanceOf(InvalidInputError);
  });
});

describe('amounts typed by people', () => {
  it('reads major units as minor units, and refuses what we would not store', () => {
    expect(parseMajorAmount('16500', 'TZS')).toBe(1_650_000);
    expect(parseMajorAmount('850.5', 'TZS')).toBe(85_050);
    expect(parseMajorAmount('5000', 'UGX')).toBe(5000);
    expect(parseMajorAmount('850.505', 'TZS')).toBeNull();
    expect(parseMajorAmount('99999999', 'TZS')).toBeNull();
    expect(parseMajorAmount('abc', 'TZS')).toBeNull();
  });
});

describe('phones', () => {
  it('normalizes to E.164', () => {
    expect(normalizePhone('+255 754 100 001')).toBe('+255754100001');
    expect(normalizePhone('+86 138 0013 8000')).toBe('+8613800138000');
  });

  it('rejects what is not a phone number', () => {
    expect(normalizePhone('0754100001')).toBeNull();
    expect(normalizePhone('hello')).toBeNull();
  });
});
