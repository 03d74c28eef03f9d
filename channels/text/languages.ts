export const LANGUAGES = ['en', 'sw', 'fr', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Languages written in GSM-7, so an SMS holds 160 characters; Chinese needs UCS-2 (70). */
export const GSM_LANGUAGES: readonly Language[] = ['en', 'sw', 'fr'];

// Each name in its own language; only Chinese needs characters outside GSM-7.
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sw: 'Kiswahili', fr: 'Francais', zh: '中文' };
