export { MAX_ORDER_LINES, type Order, type OrderLine, type Payment, type PickupState, type StatusChange } from './order.js';
export { getOrder, openMobileMoneyDelete, statusUpdate } from './order-repository.js';
export { acceptOrder, cancelOrder, centerOrders, findOrder, myOrders, placeOrder, shipOrder } from './order-service.js';
