import { phoneOf, type RequestContext, runIdempotent } from '../access/index.js';
import { listCentersOfPartner } from '../catalogue/index.js';
import {
  BusinessError,
  cleanPhone,
  collect,
  ForbiddenError,
  InvalidInputError,
  type Money,
  OverpaymentError,
  shortCode,
  validateMoney,
} from '../common/index.js';
import type { CenterLedgerEntry } from './center-ledger.js';
import {
  getPayoutLine,
  getSellerBalance,
  listCenterBalances,
  listSellerBalances,
  listSellerLedgerBetween,
  writePayout,
} from './payout-repository.js';
import type { SellerBalance, SellerLedgerEntry } from './seller-ledger.js';

export interface Payout {
  /** Names the payout in both books. */
  id: string;
  centerId: string;
  sellerPhone: string;
  amount: Money;
  paidAt: string;
  /** What the center still owes the seller. */
  owedAfter: Money;
}

async function payoutOf(ctx: RequestContext, line: CenterLedgerEntry): Promise<Payout> {
  const balance = await getSellerBalance(ctx.store, line.centerId, line.sellerPhone!);
  return {
    id: line.orderCode,
    centerId: line.centerId,
    sellerPhone: line.sellerPhone!,
    amount: { amount: line.paidToSeller!, currency: line.currency },
    paidAt: line.at,
    owedAfter: { amount: balance?.owed ?? 0, currency: line.currency },
  };
}

/**
 * A center's partner records handing a seller cash from their sales: never more than the center
 * owes that seller (the proceeds of cash sales it handed over, net of the commission, less what
 * was paid before). Both books get the line in one transaction; the same key again changes nothing.
 */
export async function payOutSeller(
  ctx: RequestContext,
  input: { sellerPhone: string; amount: Money; idempotencyKey: string },
): Promise<Payout | BusinessError> {
  const partner = phoneOf(ctx.principal);
  const center = partner ? (await listCentersOfPartner(ctx.store, partner))[0] : undefined;
  if (!center) return new ForbiddenError("only a center's partner pays sellers");
  const valid = collect({ sellerPhone: cleanPhone('sellerPhone', input.sellerPhone), amount: validateMoney('amount', input.amount) });
  if (valid instanceof BusinessError) return valid;
  const { sellerPhone, amount } = valid;
  return runIdempotent(ctx, 'payOutSeller', {
    key: input.idempotencyKey,
    request: valid,
    write: async ({ idempotency }) => {
      const balance = await getSellerBalance(ctx.store, center.id, sellerPhone);
      const owed = { amount: Math.max(balance?.owed ?? 0, 0), currency: balance?.currency ?? amount.currency };
      if (balance && balance.currency !== amount.currency) return new InvalidInputError('amount', `the seller is owed ${balance.currency}`);
      if (amount.amount > owed.amount) return new OverpaymentError(owed);
      const id = `P${shortCode(7)}`;
      const at = ctx.now().toISOString();
      const centerLine: CenterLedgerEntry = {
        centerId: center.id,
        orderCode: id,
        at,
        kind: 'PAYOUT',
        subtotal: 0,
        commission: 0,
        cashCollected: 0,
        sellerPhone,
        paidToSeller: amount.amount,
        currency: amount.currency,
      };
      const sellerLine: SellerLedgerEntry = {
        sellerPhone,
        orderCode: id,
        at,
        kind: 'PAYOUT',
        subtotal: 0,
        commission: 0,
        proceeds: 0,
        paid: amount.amount,
        heldBy: center.id,
        currency: amount.currency,
      };
      const outcome = await writePayout(ctx.store, { centerLine, sellerLine }, idempotency(`${center.id}|${at}|${id}`));
      // Another payout took the money meanwhile: say what is left.
      if (outcome === 'too-much') {
        const now = await getSellerBalance(ctx.store, center.id, sellerPhone);
        return new OverpaymentError({ amount: Math.max(now?.owed ?? 0, 0), currency: amount.currency });
      }
      return outcome === 'repeat' ? 'repeat' : payoutOf(ctx, centerLine);
    },
    load: async (resultId) => {
      const line = await getPayoutLine(ctx.store, resultId);
      return line ? payoutOf(ctx, line) : null;
    },
  });
}

/** What a center owes each seller now, for its partner's statement. */
export async function centerBalances(ctx: RequestContext, centerId: string): Promise<SellerBalance[]> {
  return listCenterBalances(ctx.store, centerId);
}

export interface SellerStatement {
  sellerPhone: string;
  from: string;
  to: string;
  /** Orders handed over to their buyers, less those refunded after. */
  ordersSold: number;
  sales: number;
  commission: number;
  proceeds: number;
  /** Cash the centers' partners handed the seller. */
  paid: number;
  /** Proceeds the service holds (mobile money, cash an administrator recorded): paid out by the service, not by a center. */
  heldByService: number;
  /** What each center owes the seller now, whatever the period. */
  owedByCenters: SellerBalance[];
  currency: string | null;
}

/** A seller's sales, commission, proceeds and cash received between two moments, and what the centers owe them now. */
export async function sellerStatement(
  ctx: RequestContext,
  input: { from: string; to: string; sellerPhone?: string | null },
): Promise<SellerStatement | BusinessError> {
  const named = input.sellerPhone ? cleanPhone('sellerPhone', input.sellerPhone) : null;
  if (named instanceof BusinessError) return named;
  const own = phoneOf(ctx.principal);
  const sellerPhone = ctx.principal.kind === 'ADMIN' ? named : own;
  if (!sellerPhone) return new ForbiddenError(ctx.principal.kind === 'ADMIN' ? 'name the seller' : 'only a phone has one');
  if (ctx.principal.kind !== 'ADMIN' && named && named !== own) return new ForbiddenError("another seller's statement");
  const { from, to } = input;
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to)
    return new InvalidInputError('from', 'from and to must be dates, from first');
  const [lines, owedByCenters] = await Promise.all([
    listSellerLedgerBetween(ctx.store, sellerPhone, new Date(from).toISOString(), new Date(to).toISOString()),
    listSellerBalances(ctx.store, sellerPhone),
  ]);
  const sum = (pick: (line: SellerLedgerEntry) => number) => lines.reduce((total, line) => total + pick(line), 0);
  return {
    sellerPhone,
    from,
    to,
    ordersSold: lines.filter((line) => line.kind === 'SALE').length - lines.filter((line) => line.kind === 'REFUND').length,
    sales: sum((line) => line.subtotal),
    commission: sum((line) => line.commission),
    proceeds: sum((line) => line.proceeds),
    paid: sum((line) => line.paid),
    heldByService: sum((line) => (line.heldBy === null ? line.proceeds : 0)),
    owedByCenters,
    currency: lines[0]?.currency ?? owedByCenters[0]?.currency ?? null,
  };
}
