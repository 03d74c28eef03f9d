// Key shapes of the one table. An entity item's sort key starts with '#' so that it sorts
// before the items that live in its partition (payments under an order).

export const keys = {
  village: (id: string) => ({ pk: `VILLAGE#${id}`, sk: '#VILLAGE' }),
  center: (id: string) => ({ pk: `CENTER#${id}`, sk: '#CENTER' }),
  shop: (id: string) => ({ pk: `SHOP#${id}`, sk: '#SHOP' }),
  product: (code: string) => ({ pk: `PRODUCT#${code}`, sk: '#PRODUCT' }),
  order: (code: string) => ({ pk: `ORDER#${code}`, sk: '#ORDER' }),
  payment: (orderCode: string, reference: string) => ({ pk: `ORDER#${orderCode}`, sk: `PAYMENT#${reference}` }),
  paymentReference: (scope: string, reference: string) => ({ pk: `PAYREF#${scope}#${reference}`, sk: '#PAYREF' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: '#IDEMPOTENCY' }),
  priceReports: (commodity: string) => ({ pk: `PRICE#${commodity}` }),
  priceIndex: (commodity: string) => ({ pk: 'PRICEINDEX', sk: `COMMODITY#${commodity}` }),
  apiKey: (hash: string) => ({ pk: `APIKEY#${hash}`, sk: '#APIKEY' }),
  member: (phone: string) => ({ pk: `MEMBER#${phone}`, sk: '#MEMBER' }),
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: '#OUTBOX' }),
  inboundSms: (messageSid: string) => ({ pk: `SMSIN#${messageSid}`, sk: '#SMSIN' }),
  rateLog: (phone: string) => ({ pk: `RATE#${phone}`, sk: '#RATE' }),
  centerLedger: (centerId: string, at: string, orderCode: string) => ({ pk: `CENTER#${centerId}`, sk: `LEDGER#${at}#${orderCode}` }),
  mpesaRequest: (checkoutRequestId: string) => ({ pk: `MPESA#${checkoutRequestId}`, sk: '#MPESA' }),
  openMobileMoney: (createdAt: string, orderCode: string) => ({ pk: 'MOMO#OPEN', sk: `${createdAt}#${orderCode}` }),
  ussdSession: (sessionId: string) => ({ pk: `USSD#${sessionId}`, sk: '#USSD' }),
};

export const indexKeys = {
  villageMember: (villageId: string, sk: string) => ({ gsi1pk: `VILLAGE#${villageId}`, gsi1sk: sk }),
  phoneMember: (phone: string, sk: string) => ({ gsi2pk: `PHONE#${phone}`, gsi2sk: sk }),
  catalogue: (code: string) => ({ gsi2pk: 'CATALOGUE', gsi2sk: `PRODUCT#${code}` }),
  buyerOrder: (phone: string, createdAt: string) => ({ gsi1pk: `BUYER#${phone}`, gsi1sk: `ORDER#${createdAt}` }),
  shopOrder: (shopId: string, createdAt: string) => ({ gsi2pk: `SHOP#${shopId}`, gsi2sk: `ORDER#${createdAt}` }),
  phoneOutbox: (phone: string, createdAt: string) => ({ gsi1pk: `OUTBOX#${phone}`, gsi1sk: `MESSAGE#${createdAt}` }),
  openOutbox: (createdAt: string, id: string) => ({ gsi3pk: 'OUTBOX#OPEN', gsi3sk: `${createdAt}#${id}` }),
  shopProduct: (shopId: string, code: string) => ({ gsi3pk: `SHOP#${shopId}`, gsi3sk: `PRODUCT#${code}` }),
  centerOrder: (centerId: string, createdAt: string) => ({ gsi3pk: `CENTER#${centerId}`, gsi3sk: `ORDER#${createdAt}` }),
};

/** Strips the key attributes from an item read from the table. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, type, expiresAt, ...rest } = item;
  return rest as T;
}
