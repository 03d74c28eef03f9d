export { type Member, MEMBER_LANGUAGES } from './member.js';
export { getMember } from './member-repository.js';
export { joinServiceCenter, me, setLanguage, setNotifications } from './member-service.js';
