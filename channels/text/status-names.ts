import type { OrderStatus, PaymentStatus } from '../../core/common/index.js';
import type { Language } from './languages.js';

// A villager who reads "shipped" in an SMS finds the same word on the USSD screen. The names in
// English, Swahili and French keep to GSM-7 (é is in it; ê, ç and ô are not).
export const ORDER_STATUS_NAMES: Record<Language, Record<OrderStatus, string>> = {
  en: {
    PLACED: 'placed',
    ACCEPTED: 'accepted',
    RECEIVED: 'dropped off',
    SHIPPED: 'shipped',
    AT_CENTER: 'at center',
    DELIVERED: 'delivered',
    CANCELLED: 'cancelled',
  },
  sw: {
    PLACED: 'imepokelewa',
    ACCEPTED: 'imekubaliwa',
    RECEIVED: 'imekusanywa',
    SHIPPED: 'imetumwa',
    AT_CENTER: 'iko kituoni',
    DELIVERED: 'imekabidhiwa',
    CANCELLED: 'imeghairiwa',
  },
  fr: {
    PLACED: 'passée',
    ACCEPTED: 'acceptée',
    RECEIVED: 'déposée',
    SHIPPED: 'expédiée',
    AT_CENTER: 'au centre',
    DELIVERED: 'livrée',
    CANCELLED: 'annulée',
  },
  zh: {
    PLACED: '已下单',
    ACCEPTED: '已接单',
    RECEIVED: '已揽收',
    SHIPPED: '已发货',
    AT_CENTER: '已到站',
    DELIVERED: '已取货',
    CANCELLED: '已取消',
  },
};

/** The name of a status that comes as a plain string, such as an IllegalTransitionError's `from`; '' when it is no order status. */
export function orderStatusName(language: Language, status: string): string {
  return Object.entries(ORDER_STATUS_NAMES[language]).find(([name]) => name === status)?.[1] ?? '';
}

export const PAYMENT_STATUS_NAMES: Record<Language, Record<PaymentStatus, string>> = {
  en: { UNPAID: 'unpaid', PENDING: 'payment pending', PAID: 'paid', REFUNDED: 'refunded' },
  sw: { UNPAID: 'haijalipwa', PENDING: 'malipo yanasubiriwa', PAID: 'imelipwa', REFUNDED: 'pesa imerudishwa' },
  fr: { UNPAID: 'non payée', PENDING: 'paiement en cours', PAID: 'payée', REFUNDED: 'remboursée' },
  zh: { UNPAID: '未付款', PENDING: '付款中', PAID: '已付款', REFUNDED: '已退款' },
};
