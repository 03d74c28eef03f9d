export { cashTakenAtHandover, confirmDelivery, markArrived, partnerStatement, type PartnerStatement } from './delivery-service.js';
