/** A phone number known to the network: the center it joined, its reply language, its notification choice. */
export interface Member {
  phone: string;
  centerId: string | null;
  language: string | null;
  notifications: boolean;
  createdAt: string;
  updatedAt: string;
}

export const MEMBER_LANGUAGES = ['en', 'sw', 'fr', 'zh'] as const;
export type MemberLanguage = (typeof MEMBER_LANGUAGES)[number];
