import { builder } from './builder.js';
import './error-types.js';
import './money-type.js';
import './catalogue-types.js';
import './order-types.js';
import './payment-types.js';
import './price-types.js';
import './member-types.js';
import './outbox-types.js';
import './delivery-types.js';

export const schema = builder.toSchema();
