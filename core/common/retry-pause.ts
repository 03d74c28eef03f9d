const FIRST_CEILING_MS = 10;
const LAST_CEILING_MS = 250;

/**
 * Waits before a write that lost a race for an item tries again: a random pause ("full jitter"), so
 * that the racers spread out, under a ceiling that doubles with each loss (`losses` from 1).
 */
export function pauseAfterLostRace(losses: number): Promise<void> {
  const ceiling = Math.min(LAST_CEILING_MS, FIRST_CEILING_MS * 2 ** (losses - 1));
  return new Promise((wait) => setTimeout(wait, Math.random() * ceiling));
}
