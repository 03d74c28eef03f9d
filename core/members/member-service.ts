import { phoneOf, type RequestContext } from '../access/index.js';
import { getServiceCenter } from '../catalogue/index.js';
import { BusinessError, cleanCode, ForbiddenError, InvalidInputError, NotFoundError } from '../common/index.js';
import { MEMBER_LANGUAGES, type Member, type MemberLanguage } from './member.js';
import { getMember, updateMember } from './member-repository.js';

function callerPhone(ctx: RequestContext): string | ForbiddenError {
  return phoneOf(ctx.principal) ?? new ForbiddenError('only a phone number is a member');
}

/** The caller's member record; a phone that never joined gets the defaults, unsaved. */
export async function me(ctx: RequestContext): Promise<Member | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  const at = ctx.now().toISOString();
  return (
    (await getMember(ctx.store, phone)) ?? {
      phone,
      centerId: null,
      centerName: null,
      centerVillageId: null,
      language: null,
      notifications: true,
      createdAt: at,
      updatedAt: at,
    }
  );
}

/** The village of the center the calling phone joined, whose product codes it types bare; null for a phone that joined none, or another caller. */
export async function joinedVillageOf(ctx: RequestContext): Promise<string | null> {
  const phone = phoneOf(ctx.principal);
  const member = phone ? await getMember(ctx.store, phone) : null;
  if (!member?.centerId) return null;
  // Records older than centerVillageId name only the center.
  return member.centerVillageId ?? (await getServiceCenter(ctx.store, member.centerId))?.villageId ?? null;
}

export async function joinServiceCenter(ctx: RequestContext, centerCode: string): Promise<Member | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  const code = cleanCode('centerCode', centerCode);
  if (code instanceof BusinessError) return code;
  const center = await getServiceCenter(ctx.store, code);
  if (!center) return new NotFoundError('service center', code);
  return updateMember(
    ctx.store,
    phone,
    { centerId: code, centerName: center.name, centerVillageId: center.villageId },
    ctx.now().toISOString(),
  );
}

export async function setLanguage(ctx: RequestContext, language: string): Promise<Member | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  if (!(MEMBER_LANGUAGES as readonly string[]).includes(language)) {
    return new InvalidInputError('language', `must be one of ${MEMBER_LANGUAGES.join(', ')}`);
  }
  return updateMember(ctx.store, phone, { language: language as MemberLanguage }, ctx.now().toISOString());
}

/** STOP and START: notifications only; replies to the member's own commands always come. */
export async function setNotifications(ctx: RequestContext, enabled: boolean): Promise<Member | BusinessError> {
  const phone = callerPhone(ctx);
  if (phone instanceof BusinessError) return phone;
  return updateMember(ctx.store, phone, { notifications: enabled }, ctx.now().toISOString());
}
