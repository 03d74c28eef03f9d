import {
  type App,
  type AppWithSecret,
  apps,
  changeApp,
  disableApp,
  registerApp,
  rotateAppSecret,
  SCOPES,
  WEBHOOK_EVENTS,
} from '../core/apps/index.js';
import { readGraphqlConfig } from '../core/config/index.js';
import { builder, orThrow } from './builder.js';
import { connectionType, pageArgs, pageRequest } from './connection.js';
import { commonErrors } from './error-types.js';

/** Webhooks to http://127.0.0.1 are for local runs: in the cloud an app's webhook is https. */
const isLocal = !readGraphqlConfig().onLambda;

const ScopeEnum = builder.enumType('Scope', {
  description: 'What an app may do for a phone; each root field names the scope a token needs (docs/apps.md).',
  values: Object.fromEntries(SCOPES.map((scope) => [scope.replace('.', '_').toUpperCase(), { value: scope, description: scope }])),
});

const WebhookType = builder.objectRef<NonNullable<App['webhook']>>('AppWebhook').implement({
  fields: (t) => ({
    url: t.exposeString('url'),
    events: t.exposeStringList('events', { description: `Of ${WEBHOOK_EVENTS.join(', ')}.` }),
  }),
});

const AppType = builder.objectRef<App>('App').implement({
  description: 'A third-party app: an OAuth 2.0 client of this API.',
  fields: (t) => ({
    clientId: t.exposeID('clientId'),
    name: t.exposeString('name'),
    scopes: t.field({ type: [ScopeEnum], description: 'The scopes it may ask a phone for.', resolve: (app) => app.scopes }),
    status: t.exposeString('status', { description: 'ACTIVE, or DISABLED: its tokens are refused.' }),
    requestsPerMinute: t.exposeInt('requestsPerMinute'),
    webhook: t.field({ type: WebhookType, nullable: true, resolve: (app) => app.webhook }),
    createdAt: t.exposeString('createdAt'),
  }),
});

const AppWithSecretType = builder.objectRef<AppWithSecret>('AppWithSecret').implement({
  fields: (t) => ({
    app: t.field({ type: AppType, resolve: (made) => made.app }),
    clientSecret: t.exposeString('clientSecret', { description: 'Shown this once: only its hash is kept.' }),
    webhookSecret: t.string({
      nullable: true,
      description: 'The secret its webhooks are signed with (whsec_...), shown once, when a webhook is first given.',
      resolve: (made) => made.webhookSecret ?? null,
    }),
  }),
});

const AppInput = builder.inputType('AppInput', {
  fields: (t) => ({
    name: t.string(),
    scopes: t.field({ type: [ScopeEnum] }),
    requestsPerMinute: t.int({ required: false, description: 'Its request budget; 600 a minute when left out.' }),
    webhookUrl: t.string({ required: false }),
    webhookEvents: t.stringList({ required: false }),
  }),
});

type AppInputShape = {
  name: string;
  scopes: string[];
  requestsPerMinute?: number | null;
  webhookUrl?: string | null;
  webhookEvents?: string[] | null;
};
const appInput = (input: AppInputShape) => ({
  name: input.name,
  scopes: input.scopes,
  requestsPerMinute: input.requestsPerMinute ?? null,
  webhook: input.webhookUrl ? { url: input.webhookUrl, events: input.webhookEvents ?? [] } : null,
});

builder.queryField('apps', (t) =>
  t.field({
    type: connectionType('App', AppType),
    description: 'Every registered app, oldest first (administrators).',
    args: pageArgs(t.arg),
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await apps(ctx, pageRequest(args))),
  }),
);

builder.mutationFields((t) => ({
  registerApp: t.field({
    type: AppWithSecretType,
    description: 'Registers an app (administrators): its client_id, and its client_secret shown once.',
    args: { input: t.arg({ type: AppInput }) },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await registerApp(ctx, appInput(args.input), isLocal)),
  }),
  updateApp: t.field({
    type: AppType,
    description: "Changes an app's name, scopes, budget or webhook (administrators).",
    args: { clientId: t.arg.id(), input: t.arg({ type: AppInput }) },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await changeApp(ctx, String(args.clientId), appInput(args.input), isLocal)),
  }),
  disableApp: t.field({
    type: AppType,
    description: 'Disables an app (administrators): its tokens are refused from the next request.',
    args: { clientId: t.arg.id() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await disableApp(ctx, String(args.clientId))),
  }),
  rotateAppSecret: t.field({
    type: AppWithSecretType,
    description: 'Gives an app a new client_secret (administrators); the old one stops at once.',
    args: { clientId: t.arg.id() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await rotateAppSecret(ctx, String(args.clientId))),
  }),
}));
