import { normalizeName } from './market-price.js';

/**
 * Local names of common commodities, so that "PRICE mahindi", "PRIX maïs" and "价格 玉米" find the
 * reports filed as maize. Names not listed are kept as typed (lower case).
 */
const SYNONYMS: Record<string, string[]> = {
  maize: ['corn', 'mahindi', 'mais', 'maïs', '玉米'],
  rice: ['mchele', 'mpunga', 'riz', '米', '大米', '稻米'],
  beans: ['bean', 'maharage', 'maharagwe', 'haricots', 'haricot', '豆', '豆子'],
  cassava: ['muhogo', 'manioc', '木薯'],
  sorghum: ['mtama', 'sorgho', '高粱'],
  groundnuts: ['peanuts', 'karanga', 'arachides', '花生'],
  coffee: ['kahawa', 'café', '咖啡'],
  tomatoes: ['tomato', 'nyanya', 'tomates', 'tomate', '番茄', '西红柿'],
  potatoes: ['potato', 'viazi', 'pommes de terre', '土豆', '马铃薯'],
  millet: ['ulezi', 'mil', '小米'],
};

const CANONICAL = new Map<string, string>(
  Object.entries(SYNONYMS).flatMap(([canonical, names]) => [canonical, ...names].map((name) => [name, canonical] as [string, string])),
);

export function canonicalCommodity(name: string): string {
  const normalized = normalizeName(name);
  return CANONICAL.get(normalized) ?? normalized;
}
