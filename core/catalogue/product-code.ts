import { BusinessError, cleanCode, cleanId, InvalidInputError } from '../common/index.js';

// A product's code is unique within its village's market: any number of sellers elsewhere may use
// the same one. Typed in its own village it is the code alone (RICE5); from anywhere it is the code
// qualified with the village's id (RICE5.VK3M9QA), which is also the product's global id.

/** A typed product code: `villageId` is null where the code was typed without one. */
export interface ProductRef {
  code: string;
  villageId: string | null;
}

export function productId(product: { code: string; villageId: string }): string {
  return `${product.code}.${product.villageId}`;
}

export function parseProductRef(field: string, typed: string): ProductRef | InvalidInputError {
  const [code = '', villageId, ...rest] = typed.trim().toUpperCase().split('.');
  const invalid = new InvalidInputError(field, 'must be a product code such as RICE5, or RICE5.<village id> from another village');
  if (rest.length > 0) return invalid;
  const cleanedCode = cleanCode(field, code);
  if (cleanedCode instanceof BusinessError) return invalid;
  if (villageId === undefined) return { code: cleanedCode, villageId: null };
  const cleanedVillage = cleanId(field, villageId);
  return cleanedVillage instanceof BusinessError ? invalid : { code: cleanedCode, villageId: cleanedVillage };
}

/** What a villager whose market is `homeVillageId` types for the product. */
export function codeToType(product: { code: string; villageId: string }, homeVillageId: string | null): string {
  return product.villageId === homeVillageId ? product.code : productId(product);
}

/** The id a code typed in the market of `homeVillageId` names; a malformed code is returned as typed, to be refused where it is used. */
export function qualifyCode(typed: string, homeVillageId: string): string {
  const ref = parseProductRef('code', typed);
  if (ref instanceof BusinessError) return typed;
  return productId({ code: ref.code, villageId: ref.villageId ?? homeVillageId });
}
