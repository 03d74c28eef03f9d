// The load's dice: which turn, which product, how many, and new phone numbers.

export const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;
export const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

export function weighted<K extends string>(weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let roll = Math.random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [name, weight] of entries) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return entries.at(-1)![0];
}

let phoneCounter = 0;
/** A new phone number of the given Tanzanian mobile prefix (755 SMS, 756 GraphQL buyers, 757 USSD). */
export const newPhone = (prefix: string) => `+255${prefix}${String(++phoneCounter).padStart(6, '0')}`;
