import { countryOfPhone } from './phone.js';

/** The currency a villager means when typing a bare number, by the country of their phone. */
const CURRENCY_OF_COUNTRY: Record<string, string> = {
  TZ: 'TZS',
  KE: 'KES',
  UG: 'UGX',
  RW: 'RWF',
  BI: 'BIF',
  CD: 'CDF',
  ET: 'ETB',
  MW: 'MWK',
  MZ: 'MZN',
  ZM: 'ZMW',
  NG: 'NGN',
  GH: 'GHS',
  SN: 'XOF',
  CI: 'XOF',
  ML: 'XOF',
  BF: 'XOF',
  BJ: 'XOF',
  TG: 'XOF',
  NE: 'XOF',
  CM: 'XAF',
  CN: 'CNY',
};

export function currencyOfPhone(phone: string): string | null {
  const country = countryOfPhone(phone);
  return country ? (CURRENCY_OF_COUNTRY[country] ?? null) : null;
}
