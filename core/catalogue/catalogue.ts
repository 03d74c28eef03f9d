import type { Money } from '../common/index.js';

/** The most of one product a shop may hold: keeps stock well inside GraphQL's 32-bit Int. */
export const MAX_STOCK = 1_000_000;

export interface Village {
  id: string;
  name: string;
  households: number;
  activeShopCount: number;
  /** The village's first service center: where its sellers drop off what they sell to other villages. */
  centerId?: string;
  createdAt: string;
}

export interface ServiceCenter {
  id: string;
  name: string;
  villageId: string;
  partnerPhone: string;
  commissionBps: number;
  createdAt: string;
}

export interface Shop {
  id: string;
  name: string;
  ownerPhone: string;
  villageId: string;
  active: boolean;
  createdAt: string;
}

export interface Product {
  code: string;
  name: string;
  unit: string;
  price: Money;
  stock: number;
  commodity: string | null;
  shopId: string;
  sellerPhone: string;
  villageId: string;
  /** Bumped by every change of the listing (not of its stock): orders are written only at the version they priced. */
  version: number;
  /** Set on a popular product whose stock is spread over this many shard items (see stock.ts); absent, the stock is on its item. */
  stockShards?: number;
  updatedAt: string;
}

/** The Taobao Village rule: at least 100 active shops, or at least 10% of households run one. */
export function isEcommerceVillage(village: Pick<Village, 'activeShopCount' | 'households'>): boolean {
  return village.activeShopCount >= 100 || (village.households > 0 && village.activeShopCount * 10 >= village.households);
}

/**
 * A product as the lists show it: without what every order changes (its stock) or what only its
 * own item needs, so that an order rewrites no list. Lists read the stock from the product's item.
 */
export type ProductListing = Omit<Product, 'stock' | 'version' | 'updatedAt' | 'stockShards'>;

export function listingOf(product: Product): ProductListing {
  const { stock, version, updatedAt, stockShards, ...listing } = product;
  return listing;
}
