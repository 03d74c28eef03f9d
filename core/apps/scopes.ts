/**
 * What an app may do for a phone: the phone's own rights, narrowed. A token carries some of these;
 * every root field of the GraphQL schema names the one it needs (schema/field-scopes.ts).
 */
export const SCOPES = [
  'catalogue.read',
  'orders.read',
  'orders.write',
  'prices.write',
  'shop.write',
  'center.read',
  'center.write',
] as const;
export type Scope = (typeof SCOPES)[number];

/** What an app's own token (client credentials) may do: read what is public. */
export const PUBLIC_SCOPE: Scope = 'catalogue.read';

const known = new Set<string>(SCOPES);

/** A space-separated scope parameter (RFC 6749 §3.3) as scopes, or null when it names one we do not know. */
export function parseScopes(text: string): Scope[] | null {
  const words = [...new Set(text.split(' ').filter((word) => word !== ''))];
  return words.every((word) => known.has(word)) ? (words as Scope[]) : null;
}
