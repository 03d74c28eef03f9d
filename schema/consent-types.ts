import {
  answerMyConsent,
  type ConsentDecision,
  type ConsentRequest,
  decideMyConsent,
  type Grant,
  myApps,
  myConsentRequests,
  revokeMyApp,
} from '../core/apps/index.js';
import { WrongConsentCodeError } from '../core/common/index.js';
import { builder, orThrow } from './builder.js';
import { commonErrors } from './error-types.js';

// The villager's side of third-party apps: what the SMS and USSD menus run for the phone itself.
// Every field here refuses an app's token (ForbiddenError): an app must not approve its own
// consent request, nor list or take back other apps.

const AppGrantType = builder.objectRef<Grant>('AppGrant').implement({
  description: 'An app the calling phone let act for it, and what it may do.',
  fields: (t) => ({
    clientId: t.exposeString('clientId'),
    appName: t.exposeString('appName'),
    scopes: t.exposeStringList('scopes', { description: 'OAuth scopes, e.g. orders.read orders.write.' }),
    since: t.exposeString('createdAt', { description: 'When the phone first let it in (ISO 8601).' }),
  }),
});

const ConsentRequestType = builder.objectRef<ConsentRequest>('ConsentRequest').implement({
  description: "An app's request to act for the calling phone, waiting for its answer.",
  fields: (t) => ({
    id: t.exposeID('requestHash', { description: 'What decideConsent takes.' }),
    appName: t.exposeString('appName'),
    scopes: t.exposeStringList('scopes'),
    bindingMessage: t.exposeString('bindingMessage', {
      nullable: true,
      description: 'What the app shows its user, to tell its request from another.',
    }),
    expiresAt: t.string({
      description: 'When it ends unanswered (ISO 8601).',
      resolve: (request) => new Date(request.expiresAt * 1000).toISOString(),
    }),
  }),
});

const ConsentDecisionType = builder.objectRef<ConsentDecision>('ConsentDecision').implement({
  fields: (t) => ({
    appName: t.exposeString('appName'),
    allowed: t.exposeBoolean('allowed', { description: 'True: the app may now get its tokens. False: it is told no.' }),
  }),
});

builder.queryFields((t) => ({
  myApps: t.field({
    type: [AppGrantType],
    description: 'The apps the calling phone let in and has not taken back, oldest first (SMS APPS numbers them so).',
    errors: { types: commonErrors },
    resolve: async (_root, _args, ctx) => orThrow(await myApps(ctx)),
  }),
  consentRequests: t.field({
    type: [ConsentRequestType],
    description: "Apps' consent requests waiting for the calling phone's answer, oldest first.",
    errors: { types: commonErrors },
    resolve: async (_root, _args, ctx) => orThrow(await myConsentRequests(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  answerConsent: t.field({
    type: ConsentDecisionType,
    description:
      'YES (allow) or NO with the code the phone was sent by SMS. A code that picks no waiting request counts against them all; NotFoundError: none is waiting.',
    args: { code: t.arg.string(), allow: t.arg.boolean() },
    errors: { types: [...commonErrors, WrongConsentCodeError] },
    resolve: async (_root, args, ctx) => orThrow(await answerMyConsent(ctx, args.code, args.allow)),
  }),
  decideConsent: t.field({
    type: ConsentDecisionType,
    description: 'Allows or denies one waiting request, by the id consentRequests lists it under.',
    args: { requestId: t.arg.id(), allow: t.arg.boolean() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await decideMyConsent(ctx, String(args.requestId), args.allow)),
  }),
  revokeApp: t.field({
    type: AppGrantType,
    description: 'Takes back at once what the calling phone let an app do: its tokens stop working. Again: no change.',
    args: { clientId: t.arg.string() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await revokeMyApp(ctx, args.clientId)),
  }),
}));
