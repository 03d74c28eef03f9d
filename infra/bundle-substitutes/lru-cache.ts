// Stands in for mnemonist/lru-cache in the bundles (infra/function-bundling.ts), which the AWS SDK's
// endpoint-discovery cache is built on (@aws-sdk/endpoint-cache, part of every DynamoDB client): a
// Map keeps insertion order, which is all a least-recently-used cache needs, without the 7 KB of
// mnemonist and its iterator helpers.
export default class LRUCache<K, V> extends Map<K, V> {
  constructor(private readonly capacity: number) {
    super();
  }

  /** The value, without making it the most recently used. */
  peek(key: K): V | undefined {
    return super.get(key);
  }

  override get(key: K): V | undefined {
    if (!this.has(key)) return undefined;
    const value = super.get(key) as V;
    this.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    this.delete(key);
    super.set(key, value);
    if (this.size > this.capacity) this.delete(this.keys().next().value as K);
    return this;
  }
}
