import { PUBLIC_SCOPE, type Scope } from '../../core/apps/index.js';
import type { Language } from './languages.js';

/**
 * What each OAuth scope lets an app do, as a villager would say it: read after "asks to" and "may".
 * Short, since the consent SMS names every scope an app asks for in one segment.
 */
export const SCOPE_NAMES: Record<Language, Record<Scope, string>> = {
  en: {
    'catalogue.read': 'see products',
    'orders.read': 'see your orders',
    'orders.write': 'place orders',
    'prices.write': 'report prices',
    'shop.write': 'run your shop',
    'center.read': 'see your center',
    'center.write': 'run your center',
  },
  sw: {
    'catalogue.read': 'kuona bidhaa',
    'orders.read': 'kuona oda zako',
    'orders.write': 'kuweka oda',
    'prices.write': 'kuripoti bei',
    'shop.write': 'kuendesha duka',
    'center.read': 'kuona kituo',
    'center.write': 'kuendesha kituo',
  },
  fr: {
    'catalogue.read': 'voir les produits',
    'orders.read': 'voir vos commandes',
    'orders.write': 'commander',
    'prices.write': 'noter des prix',
    'shop.write': 'gérer la boutique',
    'center.read': 'voir le centre',
    'center.write': 'gérer le centre',
  },
  zh: {
    'catalogue.read': '看商品',
    'orders.read': '看订单',
    'orders.write': '下单',
    'prices.write': '报价',
    'shop.write': '管店铺',
    'center.read': '看服务站',
    'center.write': '管服务站',
  },
};

const SEPARATORS: Record<Language, { comma: string; and: string }> = {
  en: { comma: ', ', and: ' and ' },
  sw: { comma: ', ', and: ' na ' },
  fr: { comma: ', ', and: ' et ' },
  zh: { comma: '、', and: '、' },
};

/**
 * Scopes in plain words, the last joined with "and": "place orders and see your orders". The public
 * scope goes unsaid beside others, since any app may read the catalogue without asking; an unknown
 * scope is said as it is.
 */
export function scopesText(language: Language, scopes: readonly string[]): string {
  const names: Record<string, string> = SCOPE_NAMES[language];
  const telling = scopes.length > 1 ? scopes.filter((scope) => scope !== PUBLIC_SCOPE) : scopes;
  const said = telling.map((scope) => names[scope] ?? scope);
  const { comma, and } = SEPARATORS[language];
  return said.length <= 1 ? said.join('') : `${said.slice(0, -1).join(comma)}${and}${said.at(-1)}`;
}
