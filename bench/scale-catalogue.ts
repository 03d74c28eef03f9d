// The synthetic catalogue of the scale benchmark: villages, each with a service center and a
// shop, and products with names drawn from a vocabulary of crops and village goods, seeded as
// sample data (local/sample-data.ts). Everything is derived from the item's number (no
// randomness), so two runs seed the same catalogue.
import type { SampleProduct, SampleVillage } from '../local/sample-data.js';

interface Good {
  /** The first word of the product's name, and what a villager searches for. */
  name: string;
  /** Letters that start the product's code (the rest is its number, so that codes stay unique). */
  prefix: string;
  commodity: string | null;
  varieties: string[];
  units: string[];
  /** Price of one unit in TZS, before the variety's markup. */
  shillings: number;
  /** How many of every 100 products are this good. */
  share: number;
}

// No name but rice's contains "rice": the search matches substrings.
const GOODS: Good[] = [
  {
    name: 'Rice',
    prefix: 'RICE',
    commodity: 'rice',
    varieties: ['Kyela', 'Pishori', 'Basmati', 'Supa', 'broken'],
    units: ['5 kg bag', '25 kg sack', 'kg'],
    shillings: 3_300,
    share: 8,
  },
  {
    name: 'Maize',
    prefix: 'MAIZE',
    commodity: 'maize',
    varieties: ['white', 'yellow', 'flour', 'seed'],
    units: ['10 kg bag', '50 kg sack', 'kg'],
    shillings: 900,
    share: 11,
  },
  {
    name: 'Beans',
    prefix: 'BEANS',
    commodity: 'beans',
    varieties: ['red', 'yellow', 'soya', 'Rosecoco'],
    units: ['2 kg bag', 'kg'],
    shillings: 2_800,
    share: 8,
  },
  {
    name: 'Sorghum',
    prefix: 'SORG',
    commodity: 'sorghum',
    varieties: ['red', 'white'],
    units: ['kg', '50 kg sack'],
    shillings: 1_100,
    share: 3,
  },
  { name: 'Millet', prefix: 'MILLET', commodity: 'millet', varieties: ['finger', 'pearl'], units: ['kg'], shillings: 1_500, share: 3 },
  {
    name: 'Cassava',
    prefix: 'CASS',
    commodity: 'cassava',
    varieties: ['fresh', 'dried', 'flour'],
    units: ['kg', 'bag'],
    shillings: 700,
    share: 4,
  },
  {
    name: 'Groundnuts',
    prefix: 'GNUT',
    commodity: 'groundnuts',
    varieties: ['shelled', 'roasted'],
    units: ['kg', 'tin'],
    shillings: 4_000,
    share: 4,
  },
  {
    name: 'Tomatoes',
    prefix: 'TOMATO',
    commodity: 'tomatoes',
    varieties: ['fresh', 'Roma'],
    units: ['crate', 'kg'],
    shillings: 1_800,
    share: 5,
  },
  {
    name: 'Potatoes',
    prefix: 'POTATO',
    commodity: 'potatoes',
    varieties: ['Irish', 'sweet'],
    units: ['kg', '50 kg sack'],
    shillings: 1_000,
    share: 5,
  },
  {
    name: 'Coffee',
    prefix: 'COFFEE',
    commodity: 'coffee',
    varieties: ['Arabica', 'Robusta'],
    units: ['kg', '250 g pack'],
    shillings: 9_000,
    share: 3,
  },
  {
    name: 'Sunflower oil',
    prefix: 'OIL',
    commodity: null,
    varieties: ['refined', 'cold pressed'],
    units: ['1 l bottle', '5 l jerrycan'],
    shillings: 6_500,
    share: 6,
  },
  {
    name: 'Sugar',
    prefix: 'SUGAR',
    commodity: null,
    varieties: ['brown', 'white'],
    units: ['kg', '25 kg sack'],
    shillings: 3_000,
    share: 5,
  },
  {
    name: 'Salt',
    prefix: 'SALT',
    commodity: null,
    varieties: ['iodised', 'coarse'],
    units: ['kg', '500 g pack'],
    shillings: 1_000,
    share: 3,
  },
  {
    name: 'Tea',
    prefix: 'TEA',
    commodity: null,
    varieties: ['black', 'green'],
    units: ['100 g pack', '500 g pack'],
    shillings: 2_500,
    share: 3,
  },
  {
    name: 'Milk',
    prefix: 'MILK',
    commodity: null,
    varieties: ['fresh', 'powdered'],
    units: ['l', '400 g tin'],
    shillings: 1_500,
    share: 3,
  },
  {
    name: 'Eggs',
    prefix: 'EGGS',
    commodity: null,
    varieties: ['local', 'farm'],
    units: ['tray of 30', 'dozen'],
    shillings: 10_000,
    share: 3,
  },
  {
    name: 'Soap',
    prefix: 'SOAP',
    commodity: null,
    varieties: ['bar', 'powder', 'liquid'],
    units: ['piece', 'kg', 'box'],
    shillings: 1_200,
    share: 4,
  },
  {
    name: 'Fertiliser',
    prefix: 'FERT',
    commodity: null,
    varieties: ['DAP', 'urea', 'CAN', 'NPK'],
    units: ['50 kg bag', '25 kg bag'],
    shillings: 70_000,
    share: 5,
  },
  {
    name: 'Seed',
    prefix: 'SEED',
    commodity: null,
    varieties: ['hybrid maize', 'bean', 'sunflower', 'vegetable'],
    units: ['2 kg pack', 'kg'],
    shillings: 9_000,
    share: 4,
  },
  { name: 'Hoe', prefix: 'HOE', commodity: null, varieties: ['jembe', 'forked'], units: ['piece'], shillings: 12_000, share: 2 },
  { name: 'Kerosene', prefix: 'KERO', commodity: null, varieties: ['clear'], units: ['l', '5 l jerrycan'], shillings: 3_000, share: 2 },
  {
    name: 'Solar lamp',
    prefix: 'LAMP',
    commodity: null,
    varieties: ['small', 'with charger'],
    units: ['piece'],
    shillings: 25_000,
    share: 2,
  },
  {
    name: 'Bicycle tyre',
    prefix: 'TYRE',
    commodity: null,
    varieties: ['28 inch', '26 inch'],
    units: ['piece'],
    shillings: 15_000,
    share: 2,
  },
  {
    name: 'School exercise book',
    prefix: 'BOOK',
    commodity: null,
    varieties: ['96 page', '48 page'],
    units: ['piece', 'dozen'],
    shillings: 800,
    share: 2,
  },
];

/** One good per share point: product number n is the good at n modulo 100, spread evenly. */
const BY_SHARE = GOODS.flatMap((good) => Array.from({ length: good.share }, () => good));
if (BY_SHARE.length !== 100) throw new Error(`the goods' shares add up to ${BY_SHARE.length}, not 100`);
// Interleave the goods so that any run of products mixes them, as sellers list them.
const MIXED = Array.from({ length: 100 }, (_, n) => BY_SHARE[(n * 37) % 100]!);

/** The word the benchmark searches. */
export const SEARCH_WORD = 'rice';

/** How many of the first `size` products are of the good with this name. */
export function namedAfter(word: string, size: number): number {
  let count = 0;
  for (let n = 0; n < size; n++) if (MIXED[n % 100]!.name.toLowerCase() === word) count++;
  return count;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function villageName(v: number): string {
  const first = ['Mwa', 'Ki', 'Nya', 'Ma', 'Lu', 'Ru', 'Ngo', 'Ibu', 'Tu', 'Ka'];
  const second = ['nga', 'sanga', 'mba', 'lindi', 'tete', 'gwe', 'kondo', 'shoto', 'hinda', 'yombo'];
  return `${first[v % 10]}${second[Math.floor(v / 10) % 10]} ${pad(v, 4)}`;
}

// Phones of the Vodacom range the demo uses (+255 754), one block per role.
export const BUYER_PHONE = '+255754500001';

/** Village v: its center and one shop, whose products are listed apart (productSpec), many at a time. */
export function scaleVillage(v: number): SampleVillage {
  const name = villageName(v);
  return {
    name,
    households: 200 + ((v * 37) % 800),
    center: { code: `VC${pad(v, 5)}`, name: `${name} Center`, partnerPhone: `+2557543${pad(v, 5)}`, commissionBps: 500 },
    shops: [{ name: `${name} Shop`, ownerPhone: `+2557544${pad(v, 5)}`, products: [] }],
    members: [],
  };
}

/** Product number n: its code is the good's prefix and n, unique across the catalogue and at most 12 characters. */
export function productSpec(n: number): SampleProduct {
  const good = MIXED[n % 100]!;
  const variety = good.varieties[Math.floor(n / 100) % good.varieties.length]!;
  const unit = good.units[Math.floor(n / 7) % good.units.length]!;
  // Up to 40% dearer by variety and seller, in whole shillings (TZS has 2 minor digits).
  const shillings = Math.round(good.shillings * (1 + ((n * 13) % 41) / 100));
  return {
    code: `${good.prefix}${n}`,
    name: `${good.name} ${variety}`,
    unit,
    commodity: good.commodity,
    price: { amount: shillings * 100, currency: 'TZS' },
    stock: (n * 7919) % 500,
  };
}
