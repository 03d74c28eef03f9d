/** A phone number known to the network: the center it joined, its reply language, its notification choice. */
export interface Member {
  phone: string;
  centerId: string | null;
  /** The joined center's name, kept with the member so that a text's reply needs no second read (absent on records older than it). */
  centerName?: string | null;
  /** The joined center's village: the market whose product codes the member may type bare (absent on older records). */
  centerVillageId?: string | null;
  language: string | null;
  notifications: boolean;
  createdAt: string;
  updatedAt: string;
}

export const MEMBER_LANGUAGES = ['en', 'sw', 'fr', 'zh'] as const;
export type MemberLanguage = (typeof MEMBER_LANGUAGES)[number];
