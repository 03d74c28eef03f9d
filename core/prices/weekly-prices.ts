/** A phone's weekly SMS of one commodity's prices. */
export interface WeeklyPrices {
  phone: string;
  commodity: string;
  /** The hour of the week it goes out in (0: Monday 00:00 UTC), fixed by the phone so that the sending spreads. */
  hourOfWeek: number;
  createdAt: string;
}

/** A weekly message names at most this many markets, the busiest: more would not fit an SMS. */
export const WEEKLY_MARKETS = 8;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The hour of the week of a moment, Monday 00:00 UTC being 0. */
export function hourOfWeek(at: Date): number {
  return ((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours();
}

/** The Monday (UTC) of the week of a moment, YYYY-MM-DD: what names a week's message. */
export function weekOf(at: Date): string {
  return new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}
