import { findVillage } from '../core/catalogue/index.js';
import { AlertLimitError, IdempotencyKeyReusedError } from '../core/common/index.js';
import {
  addPriceAlert,
  BELOW_MARKET_SHARE,
  commodityMarkets,
  MAX_ALERTS_PER_PHONE,
  type MarketReference,
  type MarketSummary,
  marketPrices,
  marketReferenceOf,
  myPriceAlerts,
  PRICE_WINDOW_DAYS,
  type PriceAlert,
  type PriceReport,
  priceCommodities,
  removePriceAlert,
  reportPrice,
  startWeeklyPrices,
  stopWeeklyPrices,
  TREND_DAYS,
  type WeeklyPrices,
} from '../core/prices/index.js';
import { builder, orThrow } from './builder.js';
import { ProductType } from './catalogue-types.js';
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

const AlertDirectionType = builder.enumType('PriceAlertDirection', {
  values: {
    RISE: { description: 'When the median rises to the threshold or above it.' },
    FALL: { description: 'When the median falls to the threshold or below it.' },
  } as const,
});

const PriceAlertType = builder.objectRef<PriceAlert>('PriceAlert').implement({
  description: "A phone's wish for an SMS when a market's median of a commodity crosses a price (at most one a day).",
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'What the phone removes it by (UNALERT 2).' }),
    commodity: t.exposeString('commodity'),
    market: t.exposeString('market', { nullable: true, description: 'Null: any market.' }),
    unit: t.exposeString('unit'),
    threshold: t.field({ type: MoneyType, resolve: (alert) => alert.threshold }),
    direction: t.field({ type: AlertDirectionType, resolve: (alert) => alert.direction }),
    createdAt: t.exposeString('createdAt'),
  }),
});

builder.queryField('myPriceAlerts', (t) =>
  t.field({
    type: [PriceAlertType],
    description: "The calling phone's price alerts, by number.",
    errors: { types: commonErrors },
    resolve: async (_root, _args, ctx) => orThrow(await myPriceAlerts(ctx)),
  }),
);

const AddPriceAlertInput = builder.inputType('AddPriceAlertInput', {
  fields: (t) => ({
    commodity: t.string(),
    market: t.string({ required: false, description: 'Left out: any market.' }),
    unit: t.string({ required: false, description: 'Left out: kg.' }),
    threshold: t.field({ type: MoneyInput }),
    direction: t.field({ type: AlertDirectionType }),
    idempotencyKey: t.string({ required: false, description: 'The same key again returns the first alert and adds none.' }),
  }),
});

builder.mutationFields((t) => ({
  addPriceAlert: t.field({
    type: PriceAlertType,
    description: `An SMS when a median crosses the threshold; a phone has at most ${MAX_ALERTS_PER_PHONE} alerts.`,
    args: { input: t.arg({ type: AddPriceAlertInput }) },
    errors: { types: [...commonErrors, AlertLimitError, IdempotencyKeyReusedError] },
    resolve: async (_root, args, ctx) => orThrow(await addPriceAlert(ctx, args.input)),
  }),
  removePriceAlert: t.field({
    type: [PriceAlertType],
    description: 'Removes the alert of that number; answers with the alerts left.',
    args: {
      number: t.arg.int(),
      idempotencyKey: t.arg.string({ required: false, description: 'The same key again answers with the alerts as they are.' }),
    },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, args, ctx) => orThrow(await removePriceAlert(ctx, args)),
  }),
}));

const MarketReferenceType = builder.objectRef<MarketReference>('MarketReference').implement({
  description: "The market median a seller's price is compared with: the product's own village's market, or else the busiest.",
  fields: (t) => ({
    market: t.exposeString('market'),
    unit: t.exposeString('unit'),
    median: t.field({ type: MoneyType, resolve: (r) => r.median }),
    latestDate: t.exposeString('latestDate', { description: 'YYYY-MM-DD of the newest report.' }),
    daysSinceLatest: t.exposeInt('daysSinceLatest'),
    askingPerUnit: t.field({ type: MoneyType, description: "The product's price per the market's unit.", resolve: (r) => r.askingPerUnit }),
    belowMarket: t.exposeBoolean('belowMarket', {
      description: `The price is under ${BELOW_MARKET_SHARE * 100}% of the median: a seller is warned.`,
    }),
  }),
});

builder.objectField(ProductType, 'marketReference', (t) =>
  t.field({
    type: MarketReferenceType,
    nullable: true,
    description:
      "Its commodity's market median, where one compares with its unit (per kg for a unit of so many kg); read only when asked for.",
    resolve: async (product, _args, ctx) => {
      if (!product.commodity) return null;
      const village = await findVillage(ctx, product.villageId);
      return marketReferenceOf(ctx, {
        commodity: product.commodity,
        unit: product.unit,
        price: product.price,
        market: village?.name ?? null,
      });
    },
  }),
);

const WeeklyPricesType = builder.objectRef<WeeklyPrices>('WeeklyPrices').implement({
  description: "A phone's weekly SMS of a commodity's medians in its busiest markets, with their change.",
  fields: (t) => ({
    commodity: t.exposeString('commodity'),
    hourOfWeek: t.exposeInt('hourOfWeek', { description: 'When it goes out: hours after Monday 00:00 UTC (fixed by the phone).' }),
  }),
});

builder.mutationFields((t) => ({
  startWeeklyPrices: t.field({
    type: WeeklyPricesType,
    description: 'A weekly SMS of the prices of a commodity; a phone has one, so another commodity replaces it.',
    args: {
      commodity: t.arg.string(),
      idempotencyKey: t.arg.string({ required: false, description: 'The same key again answers the same and changes nothing.' }),
    },
    errors: { types: [...commonErrors, IdempotencyKeyReusedError] },
    resolve: async (_root, args, ctx) => orThrow(await startWeeklyPrices(ctx, args)),
  }),
  stopWeeklyPrices: t.field({
    type: 'Boolean',
    description: 'Stops the weekly SMS; true when it was on.',
    errors: { types: commonErrors },
    resolve: async (_root, _args, ctx) => orThrow(await stopWeeklyPrices(ctx)),
  }),
}));
