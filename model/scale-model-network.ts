// The modeled national network: who and what exists, how popular each is, and the draws an
// operation makes of them. Draws are deterministic: scenario i of every operation takes the i-th
// point of a rank-1 lattice per draw slot, so the model prints the same figures every run, and
// scenario i of two operations is the same order (the same products, center and buyer).
import { createHash } from 'node:crypto';
import type { Product, ServiceCenter, Shop, Village } from '../core/catalogue/index.js';

export const NETWORK = {
  products: 1_000_000,
  /** Five products a shop on average; a product's shop is its rank modulo this, so the top products have different sellers. */
  shops: 200_000,
  villages: 100_000,
  /** One service center a village. */
  centers: 100_000,
  /** Phones that buy and text: villagers. */
  villagers: 10_000_000,
  /** Markets with price reports; every crop is reported in each. */
  markets: 1_000,
  /** Registered apps whose requests carry OAuth tokens at the peak. */
  apps: 50,
};

/** Crops with price reports, most reported first. */
// biome-ignore format: a table of names
export const CROPS = [
  'maize', 'rice', 'beans', 'cassava', 'sorghum', 'millet', 'potatoes', 'sweet potatoes', 'bananas', 'groundnuts',
  'sunflower', 'coffee', 'tea', 'cotton', 'cashew', 'sesame', 'tomatoes', 'onions', 'cabbage', 'peas',
  'cowpeas', 'green grams', 'pigeon peas', 'wheat', 'barley', 'sugarcane', 'avocados', 'mangoes', 'oranges', 'pineapples',
  'watermelons', 'carrots', 'spinach', 'kale', 'eggplant', 'peppers', 'garlic', 'ginger', 'cardamom', 'cloves',
  'vanilla', 'cocoa', 'tobacco', 'pyrethrum', 'sisal', 'soybeans', 'yams', 'pumpkins', 'okra', 'chickpeas',
];

/** What sellers add to a crop's name: each word names a share of the listings, as words of real catalogues do. */
// biome-ignore format: a table of names
const QUALITIES = [
  'grade', 'premium', 'organic', 'fresh', 'dried', 'local', 'improved', 'hybrid', 'white', 'red',
  'yellow', 'brown', 'sorted', 'cleaned', 'packed', 'bulk', 'small', 'large', 'export', 'seed',
];

/** The modeled moment: every timestamp of the model is this (no wall clock). */
export const NOW = new Date('2026-11-20T09:00:00.000Z');
export const AT = NOW.toISOString();

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** `n` in the keypad alphabet, `width` characters: ids of a fixed width never contain one another. */
function code(n: number, width: number): string {
  let text = '';
  for (let i = 0; i < width; i++) {
    text = ALPHABET[n % ALPHABET.length] + text;
    n = Math.floor(n / ALPHABET.length);
  }
  if (n > 0) throw new Error(`${n} does not fit ${width} characters`);
  return text;
}

/** The rank a keypad code names: `code`'s inverse. */
function rankOf(text: string): number {
  let n = 0;
  for (const character of text) n = n * ALPHABET.length + ALPHABET.indexOf(character);
  return n;
}

/** 1234567 as "1,234,567" (Intl is slow for the many labels the model makes). */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (share: number) => `${(share * 100).toFixed(share < 0.001 ? 4 : 2)}%`;
const digits = (n: number, width: number) => String(n).padStart(width, '0');
const hex = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** How likely each member of a population is drawn, and which member a point u in [0, 1) draws. */
interface Population {
  size: number;
  probability: (index: number) => number;
  index: (u: number) => number;
}

function uniform(size: number): Population {
  return { size, probability: () => 1 / size, index: (u) => Math.min(size - 1, Math.floor(u * size)) };
}

/** Zipf's law with exponent s: the member of rank r is drawn with probability r^-s / H(n, s). */
function zipf(size: number, s: number): Population {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let rank = 1; rank <= size; rank++) {
    sum += rank ** -s;
    cumulative[rank - 1] = sum;
  }
  for (let i = 0; i < size; i++) cumulative[i]! /= sum;
  return {
    size,
    probability: (index) => (index + 1) ** -s / sum,
    index: (u) => {
      let low = 0;
      let high = size - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle]! > u) high = middle;
        else low = middle + 1;
      }
      return low;
    },
  };
}

export const POPULATIONS = {
  /** Which product an order line names: Zipf, s = 1. */
  orderedProduct: zipf(NETWORK.products, 1),
  /** Which product a seller changes: any, equally. */
  listedProduct: uniform(NETWORK.products),
  center: uniform(NETWORK.centers),
  villager: uniform(NETWORK.villagers),
  /** Which crop a price report or a price question is about: Zipf, s = 1. */
  crop: zipf(CROPS.length, 1),
  /** Which market a price report is from: Zipf, s = 1 (a town's market hears more than a village's). */
  market: zipf(NETWORK.markets, 1),
  /** Which app an OAuth request comes from: Zipf, s = 1 (a national cooperative's app before a dealer's shop). */
  app: zipf(NETWORK.apps, 1),
};

export function village(index: number): Village {
  return { id: `V${code(index, 6)}`, name: 'Mwanga', households: 420, activeShopCount: 12, createdAt: AT };
}

/** The village of an id: `village`'s inverse. */
export const villageOf = (id: string) => village(rankOf(id.slice(1)));

export function shop(index: number): Shop {
  return {
    id: `S${code(index, 6)}`,
    name: "Amina's Grains",
    ownerPhone: `+25575${digits(index, 7)}`,
    villageId: village(index % NETWORK.villages).id,
    active: true,
    createdAt: AT,
  };
}

export function product(index: number): Product {
  const seller = shop(index % NETWORK.shops);
  return {
    code: `P${code(index, 5)}`,
    // The crop, then two words of the qualities: no word names more than a few percent of listings.
    name: `${CROPS[index % CROPS.length]} ${QUALITIES[index % QUALITIES.length]} ${QUALITIES[(index >> 3) % QUALITIES.length]}`,
    unit: '5 kg bag',
    price: { amount: 1_650_000, currency: 'TZS' },
    stock: 4_200,
    commodity: CROPS[index % CROPS.length]!,
    shopId: seller.id,
    sellerPhone: seller.ownerPhone,
    villageId: seller.villageId,
    version: 3,
    updatedAt: AT,
  };
}

/** The shop of an id: `shop`'s inverse. */
export const shopOf = (id: string) => shop(rankOf(id.slice(1)));

/** The rank of a product (0 the most ordered): `product`'s inverse. */
export const productRank = (p: Pick<Product, 'code'>) => rankOf(p.code.slice(1));

/**
 * The products of a village by rank, which is the order of their codes: a product's shop is its
 * rank modulo the shops, a shop's village its rank modulo the villages.
 */
function villageProductRanks(villageIndex: number): number[] {
  const ranks: number[] = [];
  for (let s = villageIndex; s < NETWORK.shops; s += NETWORK.villages) {
    for (let p = s; p < NETWORK.products; p += NETWORK.shops) ranks.push(p);
  }
  return ranks.sort((a, b) => a - b);
}

/**
 * Every product by village, and in a village by code: the order of a list sorted by village id and
 * code (ids and codes are fixed-width keypad codes, which sort as their ranks).
 */
export function* productsByVillage(): Generator<number> {
  for (let v = 0; v < NETWORK.villages; v++) yield* villageProductRanks(v);
}

export function center(index: number): ServiceCenter {
  return {
    id: `C${code(index, 4)}`,
    name: 'Mwanga Service Center',
    villageId: village(index % NETWORK.villages).id,
    partnerPhone: `+25574${digits(index, 7)}`,
    commissionBps: 500,
    createdAt: AT,
  };
}

/** The name of the market of a rank (0: the one most reports come from). */
export const marketName = (index: number) => `Market ${code(index, 3)}`;

export interface Villager {
  phone: string;
  /** The SHA-256 of the phone's API key, under which the key is stored. */
  apiKeyHash: string;
  /** The SHA-256 of the OAuth access token its app holds for it (one app a phone), under which the token is stored. */
  tokenHash: string;
}

export function villager(index: number): Villager {
  const phone = `+25576${digits(index, 7)}`;
  // 64 hex digits like a SHA-256, one per villager (hashing would only cost time).
  const apiKeyHash = `${(index + 1).toString(16).padStart(8, '0')}`.repeat(8);
  const tokenHash = `${(index + 1).toString(16).padStart(16, '0')}`.repeat(4);
  return { phone, apiKeyHash, tokenHash };
}

/** The client_id of the app of a rank (0: the busiest), as `newClientId` shapes one: `app-` and 16 characters (`k` first, so that no id is all digits). */
export const appClientId = (index: number) => `app-k${code(index, 15).toLowerCase()}`;

/**
 * What a drawn id stands for. A drawn member represents `multiplicity` members as likely as it
 * (at least 1): scenario weights are spread over that many partition keys when a key names it.
 */
export interface Taint {
  multiplicity: number;
  /** What the id is, in a key pattern: `PRODUCT#<product>`. */
  kind: string;
  /** Who or what it is, for people (made only when a key is first seen: labels are slow to make). */
  label: () => string;
}

/**
 * Each draw slot's multiplier g of a rank-1 lattice: scenario i takes the point ((i * g) mod n + 0.5) / n.
 * With n prime, every slot visits each of the n strata of [0, 1) exactly once (so a product drawn with
 * probability p is drawn in n * p scenarios, give or take one), and slots with different multipliers are
 * spread against each other. Multipliers follow the fractional parts of square roots of primes, in the
 * order slots are first used.
 */
const slotSteps = new Map<string, number>();
const PRIMES = (() => {
  const primes: number[] = [];
  for (let n = 2; primes.length < 200; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes;
})();

function isPrime(n: number): boolean {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return n > 1;
}

function stepOf(slot: string): number {
  let step = slotSteps.get(slot);
  if (step === undefined) {
    const prime = PRIMES[slotSteps.size];
    if (prime === undefined) throw new Error('too many draw slots');
    step = Math.sqrt(prime) % 1;
    slotSteps.set(slot, step);
  }
  return step;
}

/** The draws of one scenario of one operation; it remembers what each drawn id stands for. */
export class Scenario {
  readonly taints = new Map<string, Taint>();
  /** Ids made for this event alone (order codes, message ids): a key naming one is the event's own. */
  readonly uniques = new Map<string, string>();
  private readonly drawn = new Map<string, number>();

  constructor(
    readonly index: number,
    readonly count: number,
    private readonly operation: number,
  ) {
    if (index === 0 && !isPrime(count)) throw new Error(`the number of scenarios (${count}) must be prime`);
  }

  /** The scenario's point in [0, 1) for a slot: the k-th draw of a kind is its own slot. */
  private point(kind: string): number {
    const k = (this.drawn.get(kind) ?? 0) + 1;
    this.drawn.set(kind, k);
    const multiplier = Math.min(this.count - 1, Math.max(1, Math.round(stepOf(`${kind}#${k}`) * this.count)));
    return (((this.index * multiplier) % this.count) + 0.5) / this.count;
  }

  private draw(kind: string, population: Population): { index: number; multiplicity: number } {
    const index = population.index(this.point(kind));
    const multiplicity = Math.max(1, 1 / (this.count * population.probability(index)));
    return { index, multiplicity };
  }

  private taint(id: string, kind: string, multiplicity: number, label: () => string) {
    // An outbox id carries a phone without its plus.
    for (const form of id.startsWith('+') ? [id, id.slice(1)] : [id]) {
      const known = this.taints.get(form);
      if (!known || known.multiplicity > multiplicity) this.taints.set(form, { multiplicity, kind, label });
    }
  }

  /** A product named by an order line (Zipf): its seller's shop and village come with it. */
  orderedProduct(): Product {
    const drawn = this.draw('orderedProduct', POPULATIONS.orderedProduct);
    return this.productDrawn(drawn, 'product', `${percent(POPULATIONS.orderedProduct.probability(drawn.index))} of order lines`);
  }

  /** A product whose listing its seller changes (any product, equally). */
  listedProduct(): Product {
    const drawn = this.draw('listedProduct', POPULATIONS.listedProduct);
    return this.productDrawn(drawn, 'listed product', `${percent(POPULATIONS.listedProduct.probability(drawn.index))} of listing changes`);
  }

  private productDrawn({ index, multiplicity }: { index: number; multiplicity: number }, what: string, share: string): Product {
    const drawn = product(index);
    const rank = () => `${what} #${thousands(index + 1)}`;
    this.taint(drawn.code, 'product', multiplicity, () => `${rank()} (${share})`);
    // Its code is also one of its search words, in lower case (`WORD#<product>`).
    this.taint(drawn.code.toLowerCase(), 'product', multiplicity, () => `${rank()} (${share})`);
    this.taint(drawn.shopId, 'shop', Math.min(multiplicity, NETWORK.shops), () => `the shop of ${rank()}`);
    this.taint(drawn.sellerPhone, 'phone', Math.min(multiplicity, NETWORK.shops), () => `the seller of ${rank()}`);
    this.taint(drawn.villageId, 'village', Math.min(multiplicity, NETWORK.villages), () => `the village of ${rank()}`);
    return drawn;
  }

  /** A product the scenario reaches through a list, as likely as the list: a search's page, a village's market. */
  shownProduct(index: number, multiplicity: number, where: string): Product {
    return this.productDrawn({ index, multiplicity }, 'product', where);
  }

  /**
   * The products of a village the scenario drew (by its center), in the order of the village's list.
   * The village stands for as many villages as its draw, so each of its products for one of each:
   * only their codes are named here (a product key's multiplicity is its ids' multiplied).
   */
  villageProducts(villageId: string): Product[] {
    return villageProductRanks(rankOf(villageId.slice(1))).map((index) => {
      const shown = product(index);
      const label = () => `product #${thousands(index + 1)} (in its village's list)`;
      for (const form of [shown.code, shown.code.toLowerCase()]) this.taint(form, 'product', 1, label);
      return shown;
    });
  }

  /**
   * A search word that names no drawn id (a commodity, a word of a product's name): one key for every
   * product listed under it, so as likely as what led to it. A product's code stays its product's.
   */
  word(word: string, label: () => string): string {
    if (!this.taints.has(word)) this.taints.set(word, { multiplicity: 1, kind: 'word', label });
    return word;
  }

  center(): ServiceCenter {
    const { index, multiplicity } = this.draw('center', POPULATIONS.center);
    const drawn = center(index);
    const label = `any of ${thousands(NETWORK.centers)} centers`;
    this.taint(drawn.id, 'center', multiplicity, () => label);
    this.taint(drawn.partnerPhone, 'phone', multiplicity, () => `the partner of ${label}`);
    this.taint(drawn.villageId, 'village', Math.min(multiplicity, NETWORK.villages), () => `the village of ${label}`);
    return drawn;
  }

  villager(): Villager {
    const { index, multiplicity } = this.draw('villager', POPULATIONS.villager);
    const drawn = villager(index);
    const label = `any of ${thousands(NETWORK.villagers)} villagers`;
    this.taint(drawn.phone, 'phone', multiplicity, () => label);
    this.taint(drawn.apiKeyHash, 'key hash', multiplicity, () => `the API key of ${label}`);
    this.taint(drawn.tokenHash, 'token hash', multiplicity, () => `the access token of ${label}`);
    return drawn;
  }

  /** An app whose request carries an OAuth token (Zipf): its rank (0 the busiest) and client_id. */
  app(): { rank: number; clientId: string } {
    const { index, multiplicity } = this.draw('app', POPULATIONS.app);
    const clientId = appClientId(index);
    const share = percent(POPULATIONS.app.probability(index));
    // The key names the client_id's random part; `app-` stays in the pattern.
    this.taint(clientId.slice('app-'.length), 'app', multiplicity, () => `app #${index + 1} (${share} of token requests)`);
    return { rank: index, clientId };
  }

  /** A minute's number as a key names it (the modeled minute: every key of one minute is one key). */
  minute(minute: number): number {
    this.taint(String(minute), 'minute', 1, () => 'the modeled minute');
    return minute;
  }

  /** One of `count` items picked at random, equally (a budget's share). */
  pick(name: string, count: number): number {
    return Math.min(count - 1, Math.floor(this.point(`pick:${name}`) * count));
  }

  /** A crop, and its share of the reports and questions. */
  crop(): { name: string; share: number } {
    const { index, multiplicity } = this.draw('crop', POPULATIONS.crop);
    const name = CROPS[index]!;
    const share = POPULATIONS.crop.probability(index);
    this.taint(name, 'crop', multiplicity, () => `${name}, crop #${index + 1} (${percent(share)} of reports and questions)`);
    return { name, share };
  }

  /** A market prices are reported from, by name. */
  market(): string {
    const { index, multiplicity } = this.draw('market', POPULATIONS.market);
    const name = marketName(index);
    const share = POPULATIONS.market.probability(index);
    this.taint(name, 'market', multiplicity, () => `market #${index + 1} (${percent(share)} of a crop's reports)`);
    return name;
  }

  /** True with probability p. */
  chance(name: string, p: number): boolean {
    return this.point(`chance:${name}`) < p;
  }

  /** One of the choices, each with its probability (the last takes what is left). */
  choose<T extends string>(name: string, choices: Record<T, number>): T {
    const u = this.point(`choice:${name}`);
    let sum = 0;
    const entries = Object.entries(choices) as [T, number][];
    for (const [choice, p] of entries) {
      sum += p;
      if (u < sum) return choice;
    }
    return entries.at(-1)![0];
  }

  private unique(id: string, kind: string): string {
    this.uniques.set(id, kind);
    return id;
  }

  private serial(): number {
    return this.operation * this.count + this.index;
  }

  /** A new order code: six keypad characters ("ZZ" first, which no modeled entity id contains). */
  orderCode(): string {
    return this.unique(`ZZ${code(this.serial(), 4)}`, 'order');
  }

  /** A Twilio MessageSid. */
  messageSid(): string {
    return this.unique(`SM${hex(`sms:${this.serial()}`, 32)}`, 'MessageSid');
  }

  uuid(): string {
    const h = hex(`uuid:${this.serial()}`, 32);
    return this.unique(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`, 'uuid');
  }

  /** A USSD aggregator's session id. */
  ussdSession(): string {
    return this.unique(`ATUid_${hex(`ussd:${this.serial()}`, 32)}`, 'session');
  }

  /** An M-Pesa CheckoutRequestID. */
  checkoutRequestId(): string {
    return this.unique(`ws_CO_20112026${digits(this.serial(), 12)}`, 'CheckoutRequestID');
  }

  /** An M-Pesa receipt number. */
  receipt(): string {
    return this.unique(`RKT${code(this.serial(), 7)}`, 'receipt');
  }

  /**
   * The range of prices a report's move of a median crossed, as a fan-out job's id names it
   * (`<from>#<through>`): one a report, so that its jobs' keys are the event's own.
   */
  priceMove(): { from: number; through: number } {
    const from = 80_000 + this.serial();
    const through = from + 5_000;
    this.unique(`${from}#${through}`, 'price move');
    return { from, through };
  }

  /** A hex digest unique to this event (a request hash, a pickup code hash, an idempotency key made of a hash). */
  digest(what: string): string {
    return this.unique(hex(`${what}:${this.serial()}`, 64), 'hash');
  }
}
