import { type OutboxMessage, outboxOf } from '../core/outbox/index.js';
import { builder, orThrow } from './builder.js';
import { connectionType, pageArgs, pageRequest } from './connection.js';
import { commonErrors } from './error-types.js';

const OutboxMessageType = builder.objectRef<OutboxMessage>('OutboxMessage').implement({
  description: 'A notification SMS: written with the state change it tells about, then sent.',
  fields: (t) => ({
    id: t.exposeID('id'),
    to: t.exposeString('to'),
    kind: t.string({ resolve: (message) => message.notification.kind }),
    orderCode: t.string({
      nullable: true,
      description: 'The order it tells about; null for a price alert.',
      resolve: (message) => ('orderCode' in message.notification ? message.notification.orderCode : null),
    }),
    status: t.exposeString('status', {
      description: 'SENT, SKIPPED (the phone said STOP, or SMS is not configured) or FAILED (the carrier refused it).',
    }),
    attempts: t.exposeInt('attempts'),
    body: t.exposeString('body', { nullable: true, description: 'The text, once rendered for sending.' }),
    deliveryStatus: t.exposeString('deliveryStatus', { nullable: true, description: "The carrier's last word: delivered, undelivered..." }),
    error: t.exposeString('error', { nullable: true }),
    createdAt: t.exposeString('createdAt'),
  }),
});

const OutboxConnection = connectionType('OutboxMessage', OutboxMessageType);

builder.queryField('outbox', (t) =>
  t.field({
    type: OutboxConnection,
    description: 'A page of the notifications a phone was sent, newest first.',
    args: { phone: t.arg.string(), ...pageArgs(t.arg) },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await outboxOf(ctx, args.phone, pageRequest(args))),
  }),
);
