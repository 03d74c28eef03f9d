import { ORDER_STATUS_NAMES, PAYMENT_STATUS_NAMES } from '../text/status-names.js';
import type { Messages } from './sms-messages.js';

export const messagesEn: Messages = {
  help: ({ seller, partner }) =>
    seller || partner
      ? `FIND, ORDER, STATUS, CANCEL, PRICE, REPORT, LANG, STOP.${seller ? ' Shop: SELL, STOCK, ORDERS, ACCEPT, SHIP.' : ''}${partner ? ' Center: ARRIVED, DELIVERED, TASKS, EARNINGS.' : ''} HELP <command>`
      : 'FIND rice, ORDER 2 RICE5, STATUS, CANCEL code, PRICE maize, REPORT maize 850, JOIN code, LANG sw, STOP. More: HELP ORDER',
  usage: {
    HELP: 'HELP: all commands. HELP <command>: how to use one, e.g. HELP ORDER',
    JOIN: 'JOIN <center code>: register with your village service center. Example: JOIN MWG01',
    FIND: 'FIND <words>: products with code and price. Example: FIND rice',
    ORDER: 'ORDER <qty> <code> [<qty> <code>...] [CASH or MOMO]. Example: ORDER 2 RICE5 1 BEANS2 CASH',
    STATUS: 'STATUS: your latest orders. STATUS <order>: one order. Example: STATUS 7KQ2MX',
    CANCEL: 'CANCEL <order>: cancel an order before it ships. Example: CANCEL 7KQ2MX',
    PRICE: 'PRICE <crop> [market]: lowest, middle and highest price of 14 days. Example: PRICE maize Arusha',
    REPORT: 'REPORT <crop> <price> [unit] [market]: share a market price. Example: REPORT maize 850 kg Arusha',
    SELL: 'SELL <code> <price> <stock> [name]: list or change a product. Example: SELL RICE5 16500 40 Rice 5kg',
    STOCK: "STOCK <code> <qty>: set a product's stock. Example: STOCK RICE5 25",
    ACCEPT: 'ACCEPT <order>: accept a new order. Example: ACCEPT 7KQ2MX',
    SHIP: 'SHIP <order>: the order has left for the service center. Example: SHIP 7KQ2MX',
    ARRIVED: 'ARRIVED <order>: the parcel is at your center; the buyer gets a pickup code. Example: ARRIVED 7KQ2MX',
    DELIVERED: 'DELIVERED <order> <pickup code>: hand the order over. Example: DELIVERED 7KQ2MX 482913',
    TASKS: 'TASKS: orders on their way to your center or waiting there.',
    ORDERS: 'ORDERS: the newest orders of your shop to accept or to ship.',
    EARNINGS: "EARNINGS: this month's orders handed over, commission and cash.",
    LANG: 'LANG en, sw, fr or zh: the language of replies. Example: LANG sw',
    STOP: 'STOP: no more notifications. START: notifications again. Replies to your commands always come.',
    START: 'START: notifications again. STOP: no more notifications.',
    ALERT:
      'ALERT <crop> [below] <price> [market]: an SMS when the median reaches the price. ALERT alone lists yours. Example: ALERT maize 900',
    UNALERT: 'UNALERT <number>: remove a price alert. ALERT lists them. Example: UNALERT 2',
  },
  welcome:
    'Welcome to Village Trade! Send JOIN and the code of your service center, e.g. JOIN MWG01. PRICE maize shows market prices. HELP lists commands.',
  notJoined: 'Join your service center first: send JOIN and its code, e.g. JOIN MWG01.',
  joined: ({ center, code }) => `You joined ${center} (${code}). Send FIND rice to look for products, or HELP.`,
  foundItem: ({ code, name, price }) => `${code} ${name} ${price}`,
  more: (leftOut) => ` +${leftOut} more`,
  foundNone: ({ words }) => `Nothing found for ${words}. Try another word.`,
  ordered: ({ code, total, center, payment }) =>
    `Order ${code}: ${total}. Pick up at ${center}. ${payment === 'CASH' ? 'Pay cash at pickup.' : 'Pay by mobile money before pickup.'}`,
  ordersHead: 'Your orders: ',
  orderItem: ({ code, status, total }) => `${code} ${status} ${total}`,
  noOrders: 'You have no orders yet. Example: ORDER 2 RICE5',
  orderOne: ({ code, status, total, payment, center }) => `Order ${code}: ${status}, ${total}, ${payment}. Pickup: ${center}`,
  cancelled: ({ code }) => `Order ${code} is cancelled.`,
  accepted: ({ code }) => `Order ${code} accepted. Send SHIP ${code} when it leaves.`,
  shipped: ({ code, center }) => `Order ${code} is on its way to ${center}.`,
  pricesHead: ({ commodity }) => `${commodity}, 14 days: `,
  priceItem: ({ market, unit, min, median, max, count, date, change }) =>
    `${market} ${min}-${max}/${unit}, mid ${median}${change} (${count}, ${date})`,
  noPrices: ({ commodity }) => `No ${commodity} prices in the last 14 days. Send REPORT ${commodity} <price> to add one.`,
  reported: ({ commodity, price, unit, market }) => `Thank you! ${commodity} ${price}/${unit} at ${market} recorded.`,
  listed: ({ code, name, price, stock }) => `${code} ${name}: ${price}, stock ${stock}.`,
  stockSet: ({ code, stock }) => `${code}: stock ${stock}.`,
  languageSet: 'Replies are now in English.',
  stopped: 'You will get no more notifications. Send START to get them again.',
  started: 'Notifications are on. Send STOP to turn them off.',
  unknown: ({ suggestion }) => `Sorry, I did not understand.${suggestion ? ` Did you mean ${suggestion}?` : ''} Send HELP for commands.`,
  rateLimited: 'Too many messages. Please wait 10 minutes, then try again.',
  orderStatus: ORDER_STATUS_NAMES.en,
  paymentStatus: PAYMENT_STATUS_NAMES.en,
  entity: { product: 'Product', order: 'Order', center: 'Service center', shop: 'Shop' },
  notFound: ({ entity, key }) => `${entity} ${key} not found. Check the code.`,
  outOfStock: ({ code, available }) => `Sorry, only ${available} of ${code} left. Nothing was ordered.`,
  forbidden: 'Sorry, you may not do that.',
  orderRule: ({ rule, maxLines, maxQuantity }) =>
    ({
      ONE_SELLER: 'One order buys from one seller. Send one ORDER per seller.',
      MAX_LINES: `An order has at most ${maxLines} products. Split it into two orders.`,
      MAX_QUANTITY: `At most ${maxQuantity} of a product in one order.`,
      MAX_TOTAL: 'The order total is too large. Split it into smaller orders.',
    })[rule],
  badInput: ({ usage }) => `Please check: ${usage}`,
  illegal: ({ code, status }) => `Order ${code} is ${status}; that is not possible now.`,
  orderPaid: ({ code }) => `Order ${code} is paid; ask your service center to cancel it.`,
  paymentPending: ({ code }) => `A mobile-money payment for order ${code} is in progress. Try again in a few minutes.`,
  noShop: 'You have no shop. Ask your service center to open one.',
  noCurrency: 'Sorry, prices from your country are not supported yet.',
  failed: 'Sorry, something went wrong. Please try again later.',
  notifyNewOrder: ({ code, lines, total }) => `New order ${code}: ${lines}. Total ${total}. Reply ACCEPT ${code}`,
  notifyPickupCode: ({ code, pickupCode, center, until }) =>
    `Order ${code} is at ${center}. Your pickup code is ${pickupCode}, valid until ${until}. Show it to collect.`,
  notifyRefunded: ({ code, amount }) => `Order ${code}: ${amount} refunded.`,
  notifyUnpaidCancelled: ({ code }) => `Order ${code} was cancelled: it was not paid by mobile money in time.`,
  momoUnavailable: 'Mobile money is not available here. Order with CASH and pay at pickup, e.g. ORDER 2 RICE5 CASH',
  notifyPaymentFailed: ({ code }) =>
    `The mobile-money payment for order ${code} did not go through. Send STATUS ${code}, or pay cash at pickup.`,
  paymentRequested: ({ code, total, center }) => `Order ${code}: ${total}. Approve the M-Pesa request on your phone. Pick up at ${center}.`,
  notifyLocked: ({ code, until }) => `Too many wrong pickup codes for order ${code}. It is locked until ${until}.`,
  arrived: ({ code }) => `Order ${code} is at the center. The buyer got a pickup code.`,
  delivered: ({ code, cash }) => `Order ${code} handed over.${cash ? ` Collect ${cash} in cash.` : ''}`,
  wrongPickupCode: ({ attemptsLeft }) => `Wrong pickup code. ${attemptsLeft} tries left.`,
  pickupLocked: ({ until }) => `Too many wrong codes. The order is locked until ${until}.`,
  pickupExpired: ({ code }) => `The pickup code of order ${code} has expired.`,
  paymentRequired: ({ code }) => `Order ${code} must be paid by mobile money before handover.`,
  earnings: ({ month, orders, commission, cash }) =>
    `${month}: ${orders} orders handed over, commission ${commission}, cash collected ${cash}.`,
  tasksHead: 'Center: ',
  noTasks: 'No orders are on their way to your center.',
  salesHead: 'To accept or ship: ',
  noSales: 'No orders to accept or ship.',
  notifyStatus: ({ code, status, center }) =>
    ({
      PLACED: `Order ${code} is placed.`,
      ACCEPTED: `Order ${code} was accepted by the seller.`,
      SHIPPED: `Order ${code} is on its way to ${center}.`,
      AT_CENTER: `Order ${code} has arrived at ${center}.`,
      DELIVERED: `Order ${code} was handed over. Thank you!`,
      CANCELLED: `Order ${code} was cancelled.`,
    })[status],
  reportWaiting: ({ commodity, price, unit, market }) =>
    `Thank you! ${commodity} ${price}/${unit} at ${market} is far from recent prices: it counts once another reporter confirms it.`,
  reportRepeat: ({ commodity, market }) => `You already reported ${commodity} at ${market} today; one report a day counts. Thank you!`,
  notifyPriceAlert: ({ number, commodity, market, price, unit, direction }) =>
    `Price alert ${number}: ${commodity} at ${market} ${direction === 'RISE' ? 'rose' : 'fell'} to ${price}/${unit} (median). UNALERT ${number} to stop.`,
  alertSet: ({ number, commodity, market, price, unit, direction }) =>
    `Alert ${number} set: an SMS when ${commodity} ${market ? `at ${market}` : 'in any market'} ${direction === 'RISE' ? 'rises' : 'falls'} to ${price}/${unit}. UNALERT ${number} removes it.`,
  alertsHead: 'Your alerts: ',
  alertItem: ({ number, commodity, market, price, direction }) =>
    `${number}) ${commodity} ${direction === 'RISE' ? '>=' : '<='} ${price}${market ? ` ${market}` : ''}`,
  noAlerts: 'You have no price alerts. Example: ALERT maize 900, or ALERT maize below 700 Arusha',
  alertRemoved: ({ number, left }) => `Alert ${number} removed. You have ${left} left.`,
  noSuchAlert: ({ number }) => `You have no alert ${number}. Send ALERT to see yours.`,
  alertLimit: ({ max }) => `You already have ${max} alerts, the most allowed. Send UNALERT <number> to remove one.`,
  listedNear: ({ code, price, stock, market, unit, median, days, below }) =>
    `${code} ${price}, stock ${stock}. ${market} median ${median}/${unit}, ${days === 0 ? 'today' : `${days} days ago`}.${below ? ` Yours is under ${below}% of it!` : ''}`,
};
