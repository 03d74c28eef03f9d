/** One market's figures as a price reply or screen shows them, each value already formatted. */
export interface PriceLine {
  market: string;
  unit: string;
  min: string;
  median: string;
  max: string;
  count: number;
  date: string;
  /** The median's change against the week before (" +6%"), or empty. */
  change: string;
}
