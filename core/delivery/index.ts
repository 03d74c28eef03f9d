export { partnerCommission } from './commission.js';
// The notification sender tells the buyer's pickup code from the stream's PickupNotice, then forgets the code.
export { forgetPickupNotice, type PickupNotice, pickupCodeNotice, pickupNoticeItem } from './delivery-repository.js';
export { cashTakenAtHandover, confirmDelivery, markArrived, type PartnerStatement, partnerStatement } from './delivery-service.js';
