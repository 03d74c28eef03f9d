// Fan-out to many phones as the messaging design lays it, computed by DynamoDB's rules (no DynamoDB,
// no queue). A job lists its phones a page at a time (one Query) and checkpoints its cursor on its
// own item after each page; a sender checks each message's record and reads its phone's member (one
// eventually consistent BatchGetItem), sends at the provider's pace, and puts the record once, as
// sent, with its entry in the phone's list of messages. Two scenarios: the weekly prices of 10
// million subscribers in the hours their phones chose, and one alert threshold crossed for 100,000.
// The lists, the records, the members and the job's progress are the project's own items, built by
// their domains' builders (`outboxItem` through the sender's `keptOf`, `keys.fanoutJob`).

import { createHash } from 'node:crypto';
import { PAGES_PER_RUN } from '../channels/sms/fanout-runner.js';
import { notificationText } from '../channels/sms/notification-text.js';
import { keys, type ListKey, listKeys, WEEKLY_SLOTS, weeklySlotOf } from '../core/db/index.js';
import { type Notification, type PendingNotification, pendingNotification } from '../core/outbox/index.js';
import {
  fanoutJobId,
  type PriceAlert,
  priceAlertItem,
  priceSummaryItem,
  WEEKLY_MARKETS,
  watchId,
  watchOf,
  weeklyPricesItem,
  weekOf,
} from '../core/prices/index.js';
import { type Access, chargesOf, type Item, itemSize } from './scale-model-capacity.js';
import { utilization } from './scale-model-load.js';
import { AT, CROPS, center, marketName, NETWORK, NOW, POPULATIONS, villager } from './scale-model-network.js';
import { jobProgressItem, marketFigures, memberItemOf, sentRecord } from './scale-model-operations.js';
import { SHARD_SHARE } from './scale-model-peak.js';

/** The fan-outs modeled and their goals. */
export const FANOUT = {
  /** The provider's messages a second, all senders together (`SMS_MAX_PER_SECOND`): the goal's rate. */
  smsPerSecond: 200,
  /** Recipients a page: one Query of the list, one message on the Outgoing queue, one checkpoint of the job. */
  pageSize: 100,
  weeklySubscribers: 10_000_000,
  /** Every hour's weekly prices are sent within that hour. */
  weeklyGoalSeconds: 3_600,
  alertSubscribers: 100_000,
  /** One threshold's alerts are sent within 10 minutes. */
  alertGoalSeconds: 600,
};

/**
 * The hours of the week phones choose for their weekly prices, in their own time (East Africa Time,
 * UTC+3; the week's hours in keys.ts are UTC): few at night, most before the day's work (06-08) and
 * after it (17-20); Monday most, as the week's markets begin, Sunday least. Relative weights.
 */
export const WEEKLY_SPREAD = {
  utcOffsetHours: 3,
  // biome-ignore format: one weight an hour, 00 to 23
  hourOfDay: [0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 4, 5, 3, 1.5, 1, 1, 1.2, 1.2, 1, 1, 1.5, 2.5, 4, 5, 3.5, 2, 0.8, 0.3],
  /** Monday first. */
  dayOfWeek: [1.6, 1, 1, 1, 1, 1.1, 0.7],
};

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** An hour of the week: its phones, when it is in local time. */
export interface WeeklyHour {
  /** 0: Monday 00:00 UTC, as `keys.weeklyPrices` lists it. */
  slot: number;
  phones: number;
  /** When it is: in the phones' own time, and in UTC. */
  local: string;
  utc: string;
}

/** The subscribers of each hour of the week (UTC), spread as WEEKLY_SPREAD says phones choose. */
export function weeklyHours(subscribers: number): WeeklyHour[] {
  const { utcOffsetHours, hourOfDay, dayOfWeek } = WEEKLY_SPREAD;
  const weights = Array.from({ length: WEEKLY_SLOTS }, (_, slot) => {
    const local = (slot + utcOffsetHours) % WEEKLY_SLOTS;
    return { slot, local, weight: dayOfWeek[Math.floor(local / 24)]! * hourOfDay[local % 24]! };
  });
  const total = weights.reduce((sum, hour) => sum + hour.weight, 0);
  return weights.map(({ slot, local, weight }) => ({
    slot,
    phones: Math.round((subscribers * weight) / total),
    local: `${DAYS[Math.floor(local / 24)]} ${String(local % 24).padStart(2, '0')}:00 EAT`,
    utc: `${DAYS[Math.floor(slot / 24)]} ${String(slot % 24).padStart(2, '0')}:00 UTC`,
  }));
}

/** One thing a fan-out does, as DynamoDB charges it: every page of the job, once a message, or so many times a job. */
interface Step {
  /** What it is, item by item. */
  what: string;
  every: 'page' | 'message' | 'job';
  /** For a step of the job's: how many times a page or a job (one key each, so one key takes it once a page or a job). */
  times?: number;
  access: Access;
}

/** One kind of key a fan-out charges, and what lands on one such key. */
export interface FanoutKey {
  where: string;
  pattern: string;
  /** Its steps, by what they are. */
  what: string[];
  every: Step['every'];
  /** Units a second on one key at the pace: a page key's units a page times pages a second; a key charged once, its units. */
  load: { wcu: number; rcu: number };
  /** The pace, messages a second, at which one key reaches its limits (keys charged every page). */
  limitRate: number | null;
  /** How many keys it needs at the pace: 1 is one key, as the list is kept today. */
  shards: number;
}

/** One line of what a message costs: a charge of a step, times how many of it a message takes (the job's spread over its recipients). */
export interface MessageUnits {
  what: string;
  where: string;
  pattern: string;
  charge: { wcu: number; rcu: number };
  /** Charges a message: 1 for the sender's, pages / recipients for the job's page, times / recipients for its own. */
  times: number;
  wcu: number;
  rcu: number;
}

export interface FanoutResult {
  recipients: number;
  rate: number;
  /** The time to send them all at the rate. */
  seconds: number;
  pages: number;
  keys: FanoutKey[];
  perMessage: MessageUnits[];
  unitsPerMessage: number;
  /** The key with the highest share of its limits. */
  hottest: FanoutKey;
}

const hex = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);
const uuid = (seed: string) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// Reads are eventually consistent, writes plain unless a transaction is named.
const missing = (key: { pk: string; sk: string }): Access => ({ kind: 'get', item: key, consistent: false, found: false });
const get = (item: Item): Access => ({ kind: 'get', item, consistent: false, found: true });
const put = (item: Item): Access => ({ kind: 'write', before: null, after: item, transactional: false });
const update = (before: Item, after: Item, transactional: boolean): Access => ({ kind: 'write', before, after, transactional });

/** A message's record as the sender leaves it: put once, SENT, with its text (in Swahili) and the provider's id. */
const sentRecordOf = (notice: PendingNotification) =>
  sentRecord(notice, notificationText(notice.notification, 'sw', ''), `SM${hex(notice.id, 32)}`);

/** The sender's steps for one message: the record and the member read (one BatchGetItem), the record put. */
function messageSteps(notice: PendingNotification): Step[] {
  const member = memberItemOf(notice.to, center(0));
  return [
    { what: 'is it recorded? (BatchGetItem, eventually consistent)', every: 'message', access: missing(keys.outbox(notice.id)) },
    { what: 'its member: language, STOP (same BatchGetItem)', every: 'message', access: get(member) },
    { what: "its record, put once as sent (with its entry in the phone's list)", every: 'message', access: put(sentRecordOf(notice)) },
  ];
}

/** The job's steps a page: one Query of the list's next page, one checkpoint. */
function pageSteps(jobId: string, list: ListKey, listed: Item): Step[] {
  if (String(listed.pk) !== list.pk) throw new Error(`a listed item is under ${String(listed.pk)}, not the list ${list.pk}`);
  const read: Access = { kind: 'query', list, sample: listed, count: FANOUT.pageSize, consistent: false, pages: false };
  // A checkpoint in the middle of a long job (`saveJobProgress`): its position at a listed item's key, its 500th page.
  return [
    { what: `the job: one Query of ${FANOUT.pageSize} list entries a page`, every: 'page', access: read },
    {
      what: 'the job: its progress a page (conditional update)',
      every: 'page',
      access: update(jobProgressItem(jobId, 499, listed), jobProgressItem(jobId, 500, listed), false),
    },
  ];
}

/** Names a key by what its ids are (`[id, '<phone>']`): the longest ids first, a shard's number last. */
function patternOf(pk: string, ids: [string, string][]): string {
  let pattern = pk;
  for (const [id, name] of [...ids].sort(([a], [b]) => b.length - a.length)) pattern = pattern.split(id).join(name);
  return pattern.replace(/#\d+$/, '#<n>');
}

/** The fan-out of `recipients` messages at `rate` a second: its keys' loads and its units a message, item by item. */
function fanout(steps: Step[], ids: [string, string][], recipients: number, rate: number): FanoutResult {
  const pages = Math.ceil(recipients / FANOUT.pageSize);
  const pagesPerSecond = rate / FANOUT.pageSize;
  const perMessage: MessageUnits[] = [];
  const byKey = new Map<string, FanoutKey>();
  for (const step of steps) {
    const times =
      step.every === 'page' ? (pages * (step.times ?? 1)) / recipients : step.every === 'job' ? (step.times ?? 1) / recipients : 1;
    for (const charge of chargesOf(step.access)) {
      const pattern = patternOf(charge.pk, ids);
      const units = { wcu: charge.wcu, rcu: charge.rcu };
      perMessage.push({
        what: step.what,
        where: charge.where,
        pattern,
        charge: units,
        times,
        wcu: units.wcu * times,
        rcu: units.rcu * times,
      });
      const id = `${charge.where} ${pattern}`;
      const key = byKey.get(id) ?? {
        where: charge.where,
        pattern,
        what: [],
        every: step.every,
        load: { wcu: 0, rcu: 0 },
        limitRate: null,
        shards: 1,
      };
      if (key.every !== step.every) throw new Error(`${id} is charged both every ${key.every} and every ${step.every}`);
      const often = step.every === 'page' ? pagesPerSecond : 1;
      key.load = { wcu: key.load.wcu + charge.wcu * often, rcu: key.load.rcu + charge.rcu * often };
      if (!key.what.includes(step.what)) key.what.push(step.what);
      byKey.set(id, key);
    }
  }
  const keyLoads = [...byKey.values()].map((key) => {
    const use = utilization(key.load);
    return { ...key, limitRate: key.every === 'page' && use > 0 ? rate / use : null, shards: Math.max(1, Math.ceil(use / SHARD_SHARE)) };
  });
  keyLoads.sort((a, b) => utilization(b.load) - utilization(a.load));
  return {
    recipients,
    rate,
    seconds: recipients / rate,
    pages,
    keys: keyLoads,
    perMessage,
    unitsPerMessage: perMessage.reduce((sum, line) => sum + line.wcu + line.rcu, 0),
    hottest: keyLoads[0]!,
  };
}

/** A phone of the network whose weekly prices `keys.weeklyPrices` lists in that hour of the week. */
function phoneInHour(slot: number): string {
  for (let index = 0; index < NETWORK.villagers; index++) {
    const { phone } = villager(index);
    if (weeklySlotOf(phone) === slot) return phone;
  }
  throw new Error(`no phone of the network is listed in hour ${slot}`);
}

/** A commodity's weekly message, as `sendWeeklyPrices` words it: its busiest markets' medians and their trend. */
function weeklyNotification(commodity: string): Notification {
  const markets = Array.from({ length: WEEKLY_MARKETS }, (_, rank) => marketFigures(commodity, marketName(rank))).map((s) => ({
    market: s.market,
    unit: s.unit,
    median: { amount: s.median, currency: s.currency },
    changePercent: s.changePercent ?? null,
  }));
  return { kind: 'WEEKLY_PRICES', commodity, week: weekOf(NOW), markets };
}

export interface WeeklyResult {
  hours: WeeklyHour[];
  busiest: WeeklyHour;
  /** The messages a second the busiest hour needs to be sent within the hour. */
  neededRate: number;
  /** Its fan-out at the rate. */
  result: FanoutResult;
  /** The sizes of a sent weekly record, over the commodities, in bytes. */
  recordBytes: { min: number; max: number };
  /** The commodity whose record is the largest: the hour's every message is costed as its. */
  commodity: string;
}

/**
 * The commodities a run of the job reads the figures of, one Query each (`runFanoutJob` reads a
 * commodity's figures once a run of PAGES_PER_RUN pages): the mean number of distinct ones among a
 * run's recipients, their commodities taken to be as popular as the crops' reports.
 */
export function commoditiesARun(pageSize = FANOUT.pageSize): number {
  return CROPS.reduce((sum, _, rank) => sum + 1 - (1 - POPULATIONS.crop.probability(rank)) ** (pageSize * PAGES_PER_RUN), 0);
}

/**
 * The weekly prices: every hour's phones listed by one job, which reads the figures of each commodity
 * once a run; the busiest hour's fan-out, every message costed as the largest of the commodities' (a phone has one).
 */
export function weeklyFanout(rate: number, subscribers = FANOUT.weeklySubscribers): WeeklyResult {
  const hours = weeklyHours(subscribers);
  const busiest = hours.reduce((most, hour) => (hour.phones > most.phones ? hour : most));
  const phone = phoneInHour(busiest.slot);
  const week = weekOf(NOW);
  const jobId = fanoutJobId({ kind: 'WEEKLY_PRICES', hourOfWeek: busiest.slot, week, since: week });
  const list = listKeys.weeklyPrices(busiest.slot);
  const records = CROPS.map((crop) => {
    const message = pendingNotification(phone, weeklyNotification(crop));
    return { crop, message, bytes: itemSize(sentRecordOf(message)) };
  });
  const largest = records.reduce((most, record) => (record.bytes > most.bytes ? record : most));
  const { crop: commodity, message: longest } = largest;
  const runs = Math.ceil(busiest.phones / FANOUT.pageSize / PAGES_PER_RUN);
  const steps: Step[] = [
    ...pageSteps(jobId, list, weeklyPricesItem({ phone, commodity, hourOfWeek: busiest.slot, createdAt: AT })),
    {
      what: `the job: each of its runs' commodities' figures (${commoditiesARun().toFixed(1)} of ${CROPS.length} a run, ${runs} runs)`,
      every: 'job',
      times: commoditiesARun() * runs,
      access: {
        kind: 'query',
        list: listKeys.priceSummaries(commodity, null),
        sample: priceSummaryItem(marketFigures(commodity, marketName(0))),
        count: NETWORK.markets,
        consistent: false,
        pages: false,
      },
    },
    ...messageSteps(longest),
  ];
  const ids: [string, string][] = [
    [longest.id, '<message>'],
    [jobId, '<job>'],
    [phone, '<phone>'],
    [commodity, '<crop>'],
    [list.pk, 'WEEKLY#<hour>'],
  ];
  return {
    hours,
    busiest,
    neededRate: Math.ceil(busiest.phones / FANOUT.weeklyGoalSeconds),
    result: fanout(steps, ids, busiest.phones, rate),
    recordBytes: { min: Math.min(...records.map((record) => record.bytes)), max: largest.bytes },
    commodity,
  };
}

export interface AlertResult {
  result: FanoutResult;
  /** What the threshold is: the watch's commodity, market and price. */
  watch: { commodity: string; market: string; threshold: number; currency: string; unit: string };
  /** The size of a sent alert's record, in bytes. */
  recordBytes: number;
}

/** One threshold of one watch (a commodity in its busiest market, rising) crossed for all its subscribers at once. */
export function alertFanout(rate: number, subscribers = FANOUT.alertSubscribers): AlertResult {
  const phone = villager(0).phone;
  const commodity = CROPS[0]!;
  const market = marketName(0);
  const alert: PriceAlert = {
    id: uuid(phone),
    number: 1,
    phone,
    commodity,
    market,
    unit: 'kg',
    threshold: { amount: 90_000, currency: 'TZS' },
    direction: 'RISE',
    createdAt: AT,
  };
  const listed = priceAlertItem(alert);
  const list = listKeys.priceAlerts(watchId(watchOf(alert)));
  const summary = { ...marketFigures(commodity, market), median: 91_000 };
  const jobId = fanoutJobId({
    kind: 'PRICE_ALERT',
    watch: watchOf(alert),
    from: 89_000,
    through: 91_000,
    on: AT.slice(0, 10),
    summary,
    reportedBy: '',
  });
  const notification: Notification = {
    kind: 'PRICE_ALERT',
    alertId: alert.id,
    number: alert.number,
    on: AT.slice(0, 10),
    commodity,
    market,
    unit: alert.unit,
    median: { amount: 91_000, currency: 'TZS' },
    direction: 'RISE',
  };
  const message = pendingNotification(phone, notification);
  const ids: [string, string][] = [
    [message.id, '<message>'],
    [jobId, '<job>'],
    [phone, '<phone>'],
    [commodity, '<crop>'],
    [market, '<market>'],
  ];
  return {
    result: fanout([...pageSteps(jobId, list, listed), ...messageSteps(message)], ids, subscribers, rate),
    watch: { commodity, market, threshold: alert.threshold.amount, currency: alert.threshold.currency, unit: alert.unit },
    recordBytes: itemSize(sentRecordOf(message)),
  };
}
