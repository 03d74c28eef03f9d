// What the turns of the load share: the server, the catalogue, the ledger of answers, the meters.
import type { LoadCatalogue } from './load-catalogue.js';
import type { LoadLedger } from './load-ledger.js';
import type { LoadStats } from './load-stats.js';

/** Where a request is counted, and how long it may take. */
export interface Meter {
  stats: LoadStats;
  timeoutMs: number;
}

export interface LoadContext {
  url: string;
  secrets: { twilioToken: string; ussdKey: string };
  centerCode: string;
  catalogue: LoadCatalogue;
  ledger: LoadLedger;
  /** The load's figures (the warm-up's while it runs). */
  load: Meter;
  /** The repeats, after the load, of order requests that never got an answer. */
  recovery: Meter;
}

/** What a failure is counted as: its kind, without the details that make every one different. */
export const category = (failure: string) => /^(timeout|network|HTTP \d+|GraphQL error)/.exec(failure)?.[0] ?? failure.slice(0, 40);
