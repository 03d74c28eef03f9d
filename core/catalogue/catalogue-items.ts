import { indexKeys, keys } from '../db/index.js';
import { listingOf, type Product, type ServiceCenter, type Shop, type Village } from './catalogue.js';

// The items of the catalogue as the table keeps them: key, index keys, type and attributes.
// Its repository writes these, and the capacity model measures them.

export const villageItem = (village: Village) => ({ ...keys.village(village.id), type: 'Village', ...village });

/** A center, listed under the phone of the partner who runs it (gsi2). */
export const centerItem = (center: ServiceCenter) => ({
  ...keys.center(center.id),
  ...indexKeys.phoneCenter(center.partnerPhone, center.id),
  type: 'ServiceCenter',
  ...center,
});

/** A shop, listed under its owner's phone (gsi2). */
export const shopItem = (shop: Shop) => ({
  ...keys.shop(shop.id),
  ...indexKeys.phoneShop(shop.ownerPhone, shop.id),
  type: 'Shop',
  ...shop,
});

/** A product's own item: no index keys, so that an order's stock change rewrites it alone; a sharded product's stock is on its shards. */
export const productItem = (product: Product) => ({
  ...keys.product(product.villageId, product.code),
  type: 'Product',
  ...product,
  ...(product.stockShards ? { stock: 0 } : {}),
});

/** The items that list a product (its listing, without its stock): its shop's, its village's, its catalogue shard's, one per search word. */
export function listingItems(product: Product, words: string[]) {
  const listing = { type: 'ProductListing', ...listingOf(product) };
  return [
    { ...keys.shopListing(product.shopId, product.code), ...listing },
    { ...keys.villageListing(product.villageId, product.code), ...listing },
    { ...keys.catalogueListing(product.villageId, product.code), ...listing },
    ...words.map((word) => ({ ...keys.wordListing(word, product.villageId, product.code), ...listing, words })),
  ];
}
