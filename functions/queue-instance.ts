import { sqsQueues } from '../channels/sms/message-queues.js';
import { readFunctionConfig, readQueueConfig } from '../core/config/index.js';
import { settings } from './function-instance.js';

/** The notification queues (Outgoing, Fanout), one client per function instance. */
export const queues = sqsQueues(readQueueConfig(settings), readFunctionConfig(settings).region);
