import { rotateWebhookSecret } from '../core/apps/index.js';
import { type DeliveryAttempt, redeliverWebhook, type WebhookDelivery, webhookDeliveries } from '../core/webhooks/index.js';
import { builder, orThrow } from './builder.js';
import { connectionType, pageArgs, pageRequest } from './connection.js';
import { commonErrors } from './error-types.js';

const DeliveryAttemptType = builder.objectRef<DeliveryAttempt>('WebhookDeliveryAttempt').implement({
  description: 'One POST of a webhook to its endpoint.',
  fields: (t) => ({
    round: t.exposeInt('round', { description: '0 for the event itself, one more at every redelivery.' }),
    at: t.exposeString('at'),
    durationMs: t.exposeInt('durationMs'),
    responseCode: t.exposeInt('responseCode', { nullable: true, description: "The endpoint's HTTP status; null when none came." }),
    error: t.exposeString('error', {
      nullable: true,
      description: 'Why no status came: timeout, network, address (not a public address) or disabled (the app takes no webhooks now).',
    }),
    outcome: t.exposeString('outcome', { description: 'The delivery after this attempt: PENDING (a retry is due), DELIVERED or FAILED.' }),
  }),
});

const WebhookDeliveryType = builder.objectRef<WebhookDelivery>('WebhookDelivery').implement({
  description: "An event sent to an app's webhook, with its attempts; kept 30 days.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The webhook-id header: the same for every attempt and redelivery.' }),
    clientId: t.exposeString('clientId'),
    event: t.exposeString('event'),
    orderCode: t.exposeString('orderCode'),
    sequence: t.exposeInt('sequence', { description: "The order's revision the event tells of." }),
    status: t.exposeString('status', { description: 'PENDING, DELIVERED or FAILED.' }),
    nextAttemptAt: t.exposeString('nextAttemptAt', { nullable: true }),
    attempts: t.field({ type: [DeliveryAttemptType], resolve: (delivery) => delivery.attempts }),
    createdAt: t.exposeString('createdAt'),
  }),
});

const WebhookDeliveryConnection = connectionType('WebhookDelivery', WebhookDeliveryType);

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: WebhookDeliveryConnection,
    description: "Administrators: a page of an app's webhook deliveries, newest first.",
    args: { clientId: t.arg.string(), ...pageArgs(t.arg) },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await webhookDeliveries(ctx, args.clientId, pageRequest(args))),
  }),
);

builder.mutationField('redeliverWebhook', (t) =>
  t.field({
    type: WebhookDeliveryType,
    description: 'Administrators: send a delivery again as it was (same webhook-id and payload), with a fresh retry schedule.',
    args: { deliveryId: t.arg.id() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await redeliverWebhook(ctx, String(args.deliveryId))),
  }),
);

const RotatedWebhookSecretType = builder.objectRef<{ clientId: string; webhookSecret: string }>('RotatedWebhookSecret').implement({
  fields: (t) => ({
    clientId: t.exposeString('clientId'),
    webhookSecret: t.exposeString('webhookSecret', {
      description: 'The new signing secret (whsec_...), shown this once. The old one keeps signing for 24 hours beside it.',
    }),
  }),
});

builder.mutationField('rotateWebhookSecret', (t) =>
  t.field({
    type: RotatedWebhookSecretType,
    description: "Administrators: a new signing secret for an app's webhooks; both sign every delivery for 24 hours.",
    args: { clientId: t.arg.string() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => {
      const rotated = orThrow(await rotateWebhookSecret(ctx, args.clientId));
      return { clientId: rotated.app.clientId, webhookSecret: rotated.webhookSecret };
    },
  }),
);
