import { IdempotencyKeyReusedError } from '../core/common/index.js';
import {
  commodityMarkets,
  type MarketSummary,
  marketPrices,
  PRICE_WINDOW_DAYS,
  type PriceReport,
  priceCommodities,
  reportPrice,
  TREND_DAYS,
} from '../core/prices/index.js';
import { builder, orThrow } from './builder.js';
import { commonErrors } from './error-types.js';
import { MoneyInput, MoneyType } from './money-type.js';

const ReportStandingType = builder.enumType('PriceReportStanding', {
  values: {
    COUNTED: { description: "Counts towards its market's figures." },
    AWAITING_CONFIRMATION: { description: "Far outside the market's recent spread: counts once another reporter confirms it." },
    ALREADY_COUNTED_TODAY: { description: 'Its reporter already counted for this commodity and market today: kept, not counted.' },
  } as const,
});

const PriceReportType = builder.objectRef<PriceReport>('PriceReport').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    commodity: t.exposeString('commodity'),
    market: t.exposeString('market'),
    unit: t.exposeString('unit'),
    price: t.field({ type: MoneyType, resolve: (report) => report.price }),
    reportedAt: t.exposeString('reportedAt'),
    verified: t.exposeBoolean('verified', { description: "A partner's report, counted even outside the market's spread." }),
    standing: t.field({
      type: ReportStandingType,
      description: 'Whether the report counts towards its market figures (see the README for the rules).',
      // Reports older than the rules all counted.
      resolve: (report) => report.standing ?? 'COUNTED',
    }),
  }),
});

const MarketSummaryType = builder.objectRef<MarketSummary>('MarketSummary').implement({
  description: `Prices reported for one commodity in one market and unit over the last ${PRICE_WINDOW_DAYS} days.`,
  fields: (t) => ({
    commodity: t.exposeString('commodity'),
    market: t.exposeString('market'),
    unit: t.exposeString('unit'),
    min: t.field({ type: MoneyType, resolve: (s) => ({ amount: s.min, currency: s.currency }) }),
    median: t.field({ type: MoneyType, resolve: (s) => ({ amount: s.median, currency: s.currency }) }),
    max: t.field({ type: MoneyType, resolve: (s) => ({ amount: s.max, currency: s.currency }) }),
    reportCount: t.exposeInt('reportCount'),
    verifiedCount: t.int({ description: "Partners' reports among those counted.", resolve: (s) => s.verifiedCount ?? 0 }),
    changePercent: t.int({
      nullable: true,
      description: `The median of the newest ${TREND_DAYS} days against that of the ${TREND_DAYS} days before, in whole percent; null without reports in both.`,
      resolve: (s) => s.changePercent ?? null,
    }),
    latestDate: t.exposeString('latestDate', { description: 'YYYY-MM-DD of the newest report.' }),
  }),
});

builder.queryField('marketPrices', (t) =>
  t.field({
    type: [MarketSummaryType],
    description: 'Per market (and unit): min, median and max price, report count and latest date.',
    args: { commodity: t.arg.string(), market: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => marketPrices(ctx, args.commodity, args.market ?? null),
  }),
);

const CommodityMarketsType = builder.objectRef<{ commodity: string }>('CommodityMarkets').implement({
  fields: (t) => ({
    commodity: t.exposeString('commodity'),
    markets: t.stringList({
      description: 'By name; read only when asked for.',
      resolve: (entry, _args, ctx) => commodityMarkets(ctx, entry.commodity),
    }),
  }),
});

builder.queryField('priceCommodities', (t) =>
  t.field({
    type: [CommodityMarketsType],
    description: 'Every commodity with price reports (or only `commodity`), and the markets they came from.',
    args: { commodity: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => priceCommodities(ctx, args.commodity ?? null),
  }),
);

builder.mutationField('reportPrice', (t) =>
  t.field({
    type: PriceReportType,
    args: {
      commodity: t.arg.string(),
      market: t.arg.string(),
      unit: t.arg.string(),
      price: t.arg({ type: MoneyInput }),
      verified: t.arg.boolean({ required: false, description: "A center's partner (or an administrator) vouches for the price." }),
      idempotencyKey: t.arg.string({ required: false, description: 'The same key again returns the first report and adds none.' }),
    },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, args, ctx) => orThrow(await reportPrice(ctx, args)),
  }),
);
