import { keys } from '../db/index.js';
import type { Member } from './member.js';

/** A member as the table keeps it, under its phone: what `updateMember` leaves, and what the capacity model measures. */
export const memberItem = (member: Member) => ({ ...keys.member(member.phone), type: 'Member', ...member });
