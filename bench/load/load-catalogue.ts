// The load's catalogue: two shops of 20 products in the demo village besides the demo shops' six,
// written through the admin API, and which products are popular.
import type { AdminClient } from './load-clients.js';
import { LoadCenterVillage, LoadCreateShop, LoadProduct, LoadUpsertProduct } from './load-operations.js';
import { between } from './load-random.js';

/** Words villagers search for; each has five products, a few of which sell out during the run. */
const WORDS = ['soap', 'sugar', 'salt', 'oil', 'tea', 'candle', 'torch', 'bucket'];
/** Stock of variants 1 to 5 of each word: small ones sell out, the last two never do. */
export const VARIANT_STOCK = [40, 150, 600, 1_000_000, 1_000_000];
const DEMO_PRODUCTS = [
  { code: 'RICE5', word: 'rice' },
  { code: 'BEANS2', word: 'beans' },
  { code: 'MAIZE10', word: 'flour' },
  { code: 'SEED2', word: 'seed' },
  { code: 'FERT50', word: 'fertilizer' },
  { code: 'HOE1', word: 'hoe' },
];

export interface CatalogueProduct {
  code: string;
  villageId: string;
  word: string;
  shopId: string;
  initialStock: number;
}

export interface OrderLine {
  productCode: string;
  quantity: number;
}

export interface LoadCatalogue {
  products: CatalogueProduct[];
  /** A product by Zipf (s = 1) over the products in a random order: a few are hot, most are not. */
  popular: () => CatalogueProduct;
  /** The lines of an order: one popular product, and in one order of five a second of the same seller. */
  orderLines: () => OrderLine[];
  /** The id an app names a product by, as its search answered it: the code with its village. */
  idOf: (code: string) => string;
}

/** The load's shops and products in the center's village, after the demo's: code -> the word it is searched by. */
async function seedShopsAndProducts(admin: AdminClient, villageId: string): Promise<Map<string, string>> {
  const shopIds: string[] = [];
  for (const [i, name] of ['Load Test Traders', "Mzee's Household Goods"].entries()) {
    const input = { name, ownerPhone: `+2557541999${String(i + 1).padStart(2, '0')}`, villageId };
    const { createShop } = await admin(LoadCreateShop, { input });
    if (createShop.__typename !== 'CreateShopSuccess') throw new Error(`createShop: ${JSON.stringify(createShop)}`);
    shopIds.push(createShop.data.id);
  }
  const words = new Map<string, string>(DEMO_PRODUCTS.map((p) => [p.code, p.word]));
  // A word's variants at once: the setup is part of the short run in `npm test`.
  for (const [w, word] of WORDS.entries()) {
    const variants = VARIANT_STOCK.map(async (stock, v) => {
      const input = {
        code: `${word.slice(0, 5).toUpperCase()}${v + 1}`,
        shopId: shopIds[w % shopIds.length],
        name: `${word[0]!.toUpperCase()}${word.slice(1)} pack ${v + 1}`,
        unit: 'piece',
        price: { amount: 100_000 * (v + 1) + 50_000 * w, currency: 'TZS' },
        stock,
      };
      const { upsertProduct } = await admin(LoadUpsertProduct, { input });
      if (upsertProduct.__typename !== 'UpsertProductSuccess') throw new Error(`upsertProduct: ${JSON.stringify(upsertProduct)}`);
      return upsertProduct.data.code;
    });
    for (const code of await Promise.all(variants)) words.set(code, word);
  }
  return words;
}

function popularity(products: CatalogueProduct[]): () => CatalogueProduct {
  const ranked = [...products];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = between(0, i);
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const cumulative: number[] = [];
  ranked.reduce((sum, _p, i) => (cumulative[i] = sum + 1 / (i + 1)), 0);
  return () => {
    const roll = Math.random() * cumulative.at(-1)!;
    return ranked[cumulative.findIndex((c) => roll < c)]!;
  };
}

function orderLinesOf(popular: () => CatalogueProduct): () => OrderLine[] {
  return () => {
    const first = popular();
    const lines = [{ productCode: first.code, quantity: between(1, 3) }];
    // An order has one seller: a second line is of the same shop.
    if (Math.random() < 0.2) {
      for (let tries = 0; tries < 10; tries++) {
        const second = popular();
        if (second.shopId === first.shopId && second.code !== first.code) {
          lines.push({ productCode: second.code, quantity: between(1, 2) });
          break;
        }
      }
    }
    return lines;
  };
}

/** Seeds the load's products in the village of the center and reads every product back with its stock. */
export async function seedLoadCatalogue(admin: AdminClient, centerCode: string): Promise<LoadCatalogue> {
  const { serviceCenter } = await admin(LoadCenterVillage, { id: centerCode });
  if (!serviceCenter?.village) throw new Error(`no service center ${centerCode}`);
  const words = await seedShopsAndProducts(admin, serviceCenter.village.id);
  const products = await Promise.all(
    [...words].map(async ([code, word]): Promise<CatalogueProduct> => {
      const { product: found } = await admin(LoadProduct, { code, villageId: serviceCenter.village!.id });
      const product = found?.__typename === 'ProductSuccess' ? found.data : null;
      if (!product?.shop) throw new Error(`product ${code} not found after seeding`);
      return { code: product.code, villageId: product.villageId, word, shopId: product.shop.id, initialStock: product.stock };
    }),
  );
  const popular = popularity(products);
  const villages = new Map(products.map((product) => [product.code, product.villageId]));
  return { products, popular, orderLines: orderLinesOf(popular), idOf: (code) => `${code}.${villages.get(code)}` };
}
