export {
  isEcommerceVillage,
  listingOf,
  type Product,
  type ProductListing,
  type ServiceCenter,
  type Shop,
  type Village,
} from './catalogue.js';
export { centerItem, listingItems, productItem, shopItem, villageItem } from './catalogue-items.js';
export { getServiceCenter, listCentersOfPartner } from './catalogue-repository.js';
export {
  adjustStock,
  centersRunBy,
  createServiceCenter,
  createShop,
  createVillage,
  findProducts,
  findServiceCenter,
  findServiceCenters,
  findShops,
  findVillage,
  findVillages,
  listProducts,
  myProducts,
  productOfCode,
  setStockShards,
  shopsOwnedBy,
  upsertProduct,
} from './catalogue-service.js';
export { codeToType, type ProductRef, parseProductRef, productId, qualifyCode } from './product-code.js';
export { MAX_SEARCH_WORDS, productWords, queryWords } from './search-words.js';
export {
  anyPlace,
  MAX_STOCK_SHARDS,
  planTake,
  readStockShards,
  type StockPlace,
  splitStock,
  stockShardItem,
  stockUpdate,
} from './stock.js';
