// The modeled peak, computed: first placeOrder's stock decrements alone, to shard the stock of the
// products whose decrements would overload their key (as an administrator would with setStockShards),
// then every operation of the peak over the same number of scenarios.
import { MAX_STOCK_SHARDS } from '../core/catalogue/index.js';
import { keys } from '../core/db/index.js';
import { KEY_LIMITS, tablePk } from './scale-model-capacity.js';
import { type ModelResult, runModel } from './scale-model-load.js';
import { OPERATIONS, STOCK_DECREMENTS, shardStock } from './scale-model-operations.js';

/** A key is spread over shards when its load passes this share of its limits: ceil(its share / this) of them. */
export const SHARD_SHARE = 0.8;
/** A product whose stock decrements put more than this on its key gets ceil(load / this) stock shards. */
export const SHARD_LOAD = SHARD_SHARE * KEY_LIMITS.wcu;

export interface ShardedProduct {
  villageId: string;
  code: string;
  /** placeOrder's stock decrements on its item's key, unsharded. */
  wcu: number;
  shards: number;
}

/** placeOrder's stock decrements on each product's key; the stock of those over SHARD_LOAD sharded. */
function shardHotStock(scenarios: number): ShardedProduct[] {
  const taken = new Map<string, { villageId: string; code: string }>();
  const decrements = runModel(
    [
      {
        ...STOCK_DECREMENTS,
        run: (draw) => {
          const accesses = STOCK_DECREMENTS.run(draw);
          for (const access of accesses) {
            if (access.kind === 'write' && access.after) {
              taken.set(tablePk(access.after), { villageId: String(access.after.villageId), code: String(access.after.code) });
            }
          }
          return accesses;
        },
      },
    ],
    scenarios,
  );
  const hot = decrements.keys
    .filter((key) => key.where === 'table' && key.wcu > SHARD_LOAD)
    .map((key) => ({ ...taken.get(key.pk)!, wcu: key.wcu, shards: Math.min(MAX_STOCK_SHARDS, Math.ceil(key.wcu / SHARD_LOAD)) }));
  shardStock(new Map(hot.map((p) => [keys.product(p.villageId, p.code).pk, p.shards])));
  return hot;
}

/**
 * The units a second on every partition key at the peak, from `scenarios` scenarios per operation (a
 * prime: each draw then takes every 1/scenarios of its distribution once), and the products whose stock
 * it shards. Once per process: the operations keep the sharded products and the items they made.
 */
export function modelPeak(scenarios: number): { sharded: ShardedProduct[]; result: ModelResult } {
  const sharded = shardHotStock(scenarios);
  return { sharded, result: runModel(OPERATIONS, scenarios) };
}
