/** The CloudWatch namespace of the business figures the functions publish, and their names. */
export const METRICS_NAMESPACE = 'VillageTrade';

export const METRICS = {
  ordersPlaced: 'OrdersPlaced',
  /** With a `keyword` dimension: ORDER, FIND, PRICE... */
  smsCommands: 'SmsCommands',
  /** Notifications put on the Outgoing queue (a page counts its notifications). */
  smsQueued: 'SmsQueued',
  smsSent: 'SmsSent',
  /** The provider said "too many" (429) or failed for a moment: the sender waits and tries again. */
  smsThrottled: 'SmsThrottled',
  smsFailed: 'SmsFailed',
  /** Not sent because the function has no Twilio credentials. */
  smsSkipped: 'SmsSkipped',
  ussdSessions: 'UssdSessions',
  /** With an `outcome` dimension: paid, not-paid, amount-mismatch, ignored (a repeat). */
  mpesaCallbacks: 'MpesaCallbacks',
  /** A callback for no payment request we made. */
  mpesaUnmatched: 'MpesaCallbackUnmatched',
  pickupLocks: 'PickupLocks',
  /** App webhooks an endpoint took (2xx). */
  webhooksDelivered: 'WebhooksDelivered',
  /** App webhooks given up on: retries spent, refused (4xx), endpoint gone (410) or not public. */
  webhooksFailed: 'WebhooksFailed',
} as const;

/** The `service` dimension each function's figures carry (Powertools' POWERTOOLS_SERVICE_NAME). */
export const SERVICES = {
  graphql: 'graphql',
  sms: 'sms',
  ussd: 'ussd',
  notifier: 'notifier',
  smsSender: 'sms-sender',
  fanout: 'fanout',
  mpesaCallback: 'mpesa-callback',
  weeklyPrices: 'weekly-prices',
  oauth: 'oauth',
  webhookSender: 'webhook-sender',
} as const;

export type Service = (typeof SERVICES)[keyof typeof SERVICES];
