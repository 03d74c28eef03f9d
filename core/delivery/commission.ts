/** The partner's commission on an order: subtotal times basis points, rounded half up to a whole minor unit. */
export function partnerCommission(subtotal: number, commissionBps: number): number {
  return Math.floor((subtotal * commissionBps + 5_000) / 10_000);
}

/**
 * An order's commission, at the rate of the center that hands it over, and how it is shared: on a
 * first mile the collecting partner earns half of it (rounded down) and the handing-over partner
 * the rest. The seller pays the same whichever way the order travelled.
 */
export function commissionSplit(subtotal: number, commissionBps: number, firstMile: boolean) {
  const total = partnerCommission(subtotal, commissionBps);
  const collecting = firstMile ? Math.floor(total / 2) : 0;
  return { total, collecting, delivering: total - collecting };
}
