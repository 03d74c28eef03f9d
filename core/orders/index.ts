export {
  MAX_LINE_QUANTITY,
  MAX_ORDER_LINES,
  type Order,
  type OrderLine,
  type Payment,
  type PickupState,
  type StatusChange,
} from './order.js';
// openMobileMoneyDelete and statusUpdate are items that other domains put in their own transactions:
// a payment or a handover changes the order too.
export { getOrder, openMobileMoneyDelete, statusUpdate } from './order-repository.js';
export {
  acceptOrder,
  cancelOrder,
  cancelUnpaidOrder,
  centerOrders,
  findOrder,
  myOrders,
  placeOrder,
  shipOrder,
  shopOrders,
} from './order-service.js';
