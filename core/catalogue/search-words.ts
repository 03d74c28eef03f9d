import { canonicalCommodity } from '../prices/index.js';
import type { Product } from './catalogue.js';

/** A product's listing carries at most this many search words; a search uses at most this many of its own. */
export const MAX_SEARCH_WORDS = 10;
export const MAX_QUERY_WORDS = 5;

/** The words of a text as search matches them: lower-case letters and digits, accents dropped. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= 40);
}

/** A search's words: a local commodity name searches as the commodity it names ("mchele" is rice). */
export function queryWords(text: string): string[] {
  return [...new Set(wordsOf(text).map(canonicalCommodity))].slice(0, MAX_QUERY_WORDS);
}

/** The words a product is found by: its code's, its name's (each also as the commodity it names) and its commodity. */
export function productWords(product: Pick<Product, 'code' | 'name' | 'commodity'>): string[] {
  const words = wordsOf([product.code, product.name, product.commodity ?? ''].join(' ')).flatMap((word) => [
    word,
    canonicalCommodity(word),
  ]);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}
