import { describe, expect, it } from 'vitest';
import LRUCache from '../../infra/bundle-substitutes/lru-cache.js';

describe('the LRU cache the bundles use for the SDK endpoint cache', () => {
  it('drops the least recently used entry past its capacity; a get refreshes an entry, a peek does not', () => {
    const cache = new LRUCache<string, number>(2);
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.peek('a')).toBe(1);
    cache.set('d', 4);
    expect([cache.has('a'), cache.has('c'), cache.has('d')]).toEqual([false, true, true]);
    cache.set('c', 30);
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe(30);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
