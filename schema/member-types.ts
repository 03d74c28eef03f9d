import { centersRunBy, findServiceCenters, shopsOwnedBy } from '../core/catalogue/index.js';
import { joinServiceCenter, MEMBER_LANGUAGES, type Member, me, setLanguage, setNotifications } from '../core/members/index.js';
import { builder, orThrow } from './builder.js';
import { ServiceCenterType, ShopType } from './catalogue-types.js';
import { commonErrors } from './error-types.js';

const LanguageEnum = builder.enumType('Language', {
  description: 'Reply language of the text channels: English, Swahili, French, Chinese.',
  values: MEMBER_LANGUAGES,
});

const MemberType = builder.objectRef<Member>('Member').implement({
  description: 'A phone number and its choices: the service center it joined, its language, notifications.',
  fields: (t) => ({
    phone: t.exposeString('phone'),
    language: t.field({
      type: LanguageEnum,
      nullable: true,
      resolve: (member) => member.language as (typeof MEMBER_LANGUAGES)[number] | null,
    }),
    notifications: t.exposeBoolean('notifications', { description: 'False after STOP: no notifications are sent.' }),
    serviceCenter: t.loadable({
      type: ServiceCenterType,
      nullable: true,
      load: (ids: string[], ctx) => findServiceCenters(ctx, ids),
      resolve: (member) => member.centerId,
    }),
    partnerOf: t.field({
      type: [ServiceCenterType],
      description: 'The centers this phone runs as partner.',
      resolve: (member, _args, ctx) => centersRunBy(ctx, member.phone),
    }),
    shops: t.field({
      type: [ShopType],
      description: 'The shops this phone owns.',
      resolve: (member, _args, ctx) => shopsOwnedBy(ctx, member.phone),
    }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: MemberType,
    description: "The calling phone's member record.",
    errors: { types: commonErrors },
    resolve: async (_root, _args, ctx) => orThrow(await me(ctx)),
  }),
);

builder.mutationFields((t) => ({
  joinServiceCenter: t.field({
    type: MemberType,
    description: 'Registers the calling phone with a service center, where its orders will be picked up.',
    args: { centerCode: t.arg.string() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await joinServiceCenter(ctx, args.centerCode)),
  }),
  setLanguage: t.field({
    type: MemberType,
    args: { language: t.arg({ type: LanguageEnum }) },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await setLanguage(ctx, args.language)),
  }),
  setNotifications: t.field({
    type: MemberType,
    description: 'STOP (false) and START (true): replies to commands come either way.',
    args: { enabled: t.arg.boolean() },
    errors: { types: commonErrors },
    resolve: async (_root, args, ctx) => orThrow(await setNotifications(ctx, args.enabled)),
  }),
}));
