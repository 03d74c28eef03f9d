export {
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  type Order,
  type OrderLine,
  type Payment,
  type PickupState,
  type Settlement,
  type StatusChange,
} from './order.js';
// What an order placed with a key keeps of its request: the capacity model builds its orders with it.
export { requestMark } from './order-code.js';
export { openMobileMoneyItem, orderItem } from './order-items.js';
// The notification sender works out what an order's change tells people from the table's stream.
export { noticesOfOrderChange, type PartnerOf } from './order-notices.js';
// firstMileTaskDelete, openMobileMoneyDelete and statusUpdate are items that other domains put in
// their own transactions: a payment, a refund or a handover changes the order too.
export { firstMileTaskDelete, getOrder, openMobileMoneyDelete, statusUpdate } from './order-repository.js';
export {
  acceptOrder,
  cancelOrder,
  cancelUnpaidOrder,
  centerOrders,
  findOrder,
  firstMileOrders,
  myOrders,
  placeOrder,
  receiveOrder,
  shipOrder,
  shopOrders,
} from './order-service.js';
// core/delivery makes the moves that bring an order to its buyer's center and hand it over.
export { checkOrderMove } from './order-state-machine.js';
