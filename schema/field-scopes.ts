import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AppAccess } from '../core/access/index.js';
import type { Scope } from '../core/apps/index.js';

/**
 * The scope an app's token needs for each root field, any one of those listed; an empty list: no app
 * token may call it (administration, and a phone's own say over apps and settings). A token never does
 * more than its phone may do either: the field's own rules still apply. A test holds every root field
 * of the schema to an entry here.
 */
export const FIELD_SCOPES: Record<string, readonly Scope[]> = {
  'Query.marketPrices': ['catalogue.read'],
  'Query.me': ['catalogue.read'],
  'Query.priceCommodities': ['catalogue.read'],
  'Query.product': ['catalogue.read'],
  'Query.products': ['catalogue.read'],
  'Query.serviceCenter': ['catalogue.read'],
  'Query.village': ['catalogue.read'],
  'Query.myOrders': ['orders.read'],
  'Query.order': ['orders.read'],
  'Query.outbox': ['orders.read'],
  'Query.myPriceAlerts': ['prices.write'],
  'Query.myProducts': ['shop.write'],
  'Query.sellerStatement': ['shop.write'],
  'Query.shopOrders': ['shop.write'],
  'Query.centerOrders': ['center.read'],
  'Query.firstMileOrders': ['center.read'],
  'Query.partnerStatement': ['center.read'],
  'Query.apps': [],
  'Query.webhookDeliveries': [],
  'Query.myApps': [],
  'Query.consentRequests': [],
  'Mutation.placeOrder': ['orders.write'],
  'Mutation.cancelOrder': ['orders.write'],
  'Mutation.requestMobileMoneyPayment': ['orders.write'],
  'Mutation.joinServiceCenter': ['orders.write'],
  'Mutation.addPriceAlert': ['prices.write'],
  'Mutation.removePriceAlert': ['prices.write'],
  'Mutation.reportPrice': ['prices.write'],
  'Mutation.startWeeklyPrices': ['prices.write'],
  'Mutation.stopWeeklyPrices': ['prices.write'],
  'Mutation.acceptOrder': ['shop.write'],
  'Mutation.adjustStock': ['shop.write'],
  'Mutation.upsertProduct': ['shop.write'],
  'Mutation.shipOrder': ['shop.write', 'center.write'],
  'Mutation.receiveOrder': ['center.write'],
  'Mutation.markArrived': ['center.write'],
  'Mutation.confirmDelivery': ['center.write'],
  'Mutation.recordPayment': ['center.write'],
  'Mutation.payOutSeller': ['center.write'],
  'Mutation.refundOrder': ['center.write'],
  'Mutation.setLanguage': [],
  'Mutation.setNotifications': [],
  'Mutation.createServiceCenter': [],
  'Mutation.createShop': [],
  'Mutation.createVillage': [],
  'Mutation.setStockShards': [],
  'Mutation.registerApp': [],
  'Mutation.updateApp': [],
  'Mutation.disableApp': [],
  'Mutation.rotateAppSecret': [],
  'Mutation.rotateWebhookSecret': [],
  'Mutation.redeliverWebhook': [],
  'Mutation.answerConsent': [],
  'Mutation.decideConsent': [],
  'Mutation.revokeApp': [],
};

/** The root fields an operation selects, through its fragments too (`__typename` is not a field of the schema). */
function rootFields(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__') ? [] : [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name) || !fragments[name]) return [];
    seen.add(name);
    return rootFields(fragments[name].selectionSet, fragments, seen);
  });
}

/** The root fields of an operation that a token's scopes do not reach (none for a caller without a token). */
export function fieldsBeyondScopes(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  via: AppAccess | undefined,
): string[] {
  if (!via) return [];
  const root = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  return rootFields(operation.selectionSet, fragments).filter(
    (field) => !(FIELD_SCOPES[`${root}.${field}`] ?? []).some((scope) => via.scopes.includes(scope)),
  );
}
