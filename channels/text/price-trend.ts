import { GSM_LANGUAGES, type Language } from './languages.js';

/**
 * A median's change against the week before, as " +6%" (arrows where the text is UCS-2 anyway:
 * "↑6%"); nothing when there is no change to tell. Beyond 999% it says 999%: the text has room for three digits.
 */
export function trendText(language: Language, change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  const changePercent = Math.max(-999, Math.min(999, change));
  if (GSM_LANGUAGES.includes(language)) return ` ${changePercent > 0 ? '+' : ''}${changePercent}%`;
  return changePercent > 0 ? `↑${changePercent}%` : changePercent < 0 ? `↓${-changePercent}%` : '→0%';
}
