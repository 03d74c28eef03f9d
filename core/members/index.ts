export { MEMBER_LANGUAGES, type Member } from './member.js';
export { memberItem } from './member-item.js';
export { getMember } from './member-repository.js';
export { joinedVillageOf, joinServiceCenter, me, setLanguage, setNotifications } from './member-service.js';
