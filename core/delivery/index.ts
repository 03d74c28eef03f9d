export { partnerCommission } from './commission.js';
export { cashTakenAtHandover, confirmDelivery, markArrived, type PartnerStatement, partnerStatement } from './delivery-service.js';
