/** The partner's commission on an order: subtotal times basis points, rounded half up to a whole minor unit. */
export function partnerCommission(subtotal: number, commissionBps: number): number {
  return Math.floor((subtotal * commissionBps + 5_000) / 10_000);
}
