import type { Scope } from '../apps/index.js';
import type { Money, OrderStatus } from '../common/index.js';

/** What a notification says, in data: the text is rendered in the recipient's language when it is sent. */
export type Notification =
  | { kind: 'NEW_ORDER'; orderCode: string; lines: { productCode: string; quantity: number }[]; total: Money }
  /** `reason` UNPAID: cancelled because mobile money did not pay it in time. */
  | { kind: 'ORDER_STATUS'; orderCode: string; status: OrderStatus; centerId: string; reason?: 'UNPAID' }
  /** The code itself is never kept in the record of the SMS. */
  | { kind: 'PICKUP_CODE'; orderCode: string; centerId: string; pickupCode?: string; expiresAt: string }
  /** An app asks the phone for consent (`expiresAt`: epoch seconds); the code is never kept in the record of the SMS. */
  | {
      kind: 'CONSENT_REQUEST';
      requestHash: string;
      appName: string;
      scopes: Scope[];
      bindingMessage: string | null;
      code?: string;
      expiresAt: number;
    }
  | { kind: 'PICKUP_LOCKED'; orderCode: string; centerId: string; until: string }
  | { kind: 'PAYMENT_FAILED'; orderCode: string; reason: string }
  | { kind: 'REFUNDED'; orderCode: string; amount: Money }
  /** A market's median crossed a phone's alert threshold (at most one a day per alert: `on`). */
  | {
      kind: 'PRICE_ALERT';
      alertId: string;
      /** The number the phone removes it by. */
      number: number;
      on: string;
      commodity: string;
      market: string;
      unit: string;
      median: Money;
      direction: 'RISE' | 'FALL';
    }
  /** The weekly message: a commodity's medians in its busiest markets (`week`: the Monday it starts), with their trend. */
  | {
      kind: 'WEEKLY_PRICES';
      commodity: string;
      week: string;
      markets: { market: string; unit: string; median: Money; changePercent: number | null }[];
    };

/** What became of a notification: sent, not sent to a phone that said STOP or without credentials, or refused by the carrier. */
export type OutboxStatus = 'SENT' | 'SKIPPED' | 'FAILED';

/** A notification to send: worked out from a change in the table's stream, or by a fan-out job. */
export interface PendingNotification {
  /** The same for the same event and phone: the record of its sending is written once under it. */
  id: string;
  to: string;
  notification: Notification;
}

/** The record of a notification, written once when it was sent (or skipped, or refused). */
export interface OutboxMessage {
  id: string;
  to: string;
  notification: Notification;
  status: OutboxStatus;
  /** How many times the provider was asked before it took the message or refused it for good. */
  attempts: number;
  createdAt: string;
  updatedAt: string;
  body?: string;
  providerId?: string;
  deliveryStatus?: string;
  error?: string;
}

/** Outbox messages are kept a month: long enough to answer "what was this phone sent?". */
export const OUTBOX_TTL_SECONDS = 30 * 24 * 60 * 60;

/** One message per recipient and state change: the id makes a second write of the same one impossible. */
export function outboxId(to: string, notification: Notification): string {
  if (notification.kind === 'PRICE_ALERT') return `ALERT-${notification.alertId}-${notification.on}-${to.replace('+', '')}`;
  if (notification.kind === 'WEEKLY_PRICES') return `WEEKLY-${notification.week}-${to.replace('+', '')}`;
  if (notification.kind === 'CONSENT_REQUEST') return `CONSENT-${notification.requestHash}-${to.replace('+', '')}`;
  const what =
    notification.kind === 'ORDER_STATUS'
      ? notification.status
      : notification.kind === 'NEW_ORDER'
        ? 'NEW'
        : notification.kind === 'PICKUP_CODE'
          ? `PICKUP-${notification.expiresAt}`
          : notification.kind === 'PICKUP_LOCKED'
            ? `LOCKED-${notification.until}`
            : notification.kind === 'REFUNDED'
              ? 'REFUNDED'
              : `PAYFAIL-${notification.reason}`;
  return `${notification.orderCode}-${what}-${to.replace('+', '')}`;
}

export function pendingNotification(to: string, notification: Notification): PendingNotification {
  return { id: outboxId(to, notification), to, notification };
}
