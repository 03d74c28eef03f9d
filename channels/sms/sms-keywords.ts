import { LANGUAGES, type Language } from '../text/languages.js';

export const COMMANDS = [
  'HELP',
  'JOIN',
  'FIND',
  'ORDER',
  'STATUS',
  'CANCEL',
  'PRICE',
  'REPORT',
  'SELL',
  'STOCK',
  'ACCEPT',
  'SHIP',
  'RECEIVED',
  'ARRIVED',
  'DELIVERED',
  'TASKS',
  'ORDERS',
  'EARNINGS',
  'PAYOUT',
  'REFUND',
  'LANG',
  'STOP',
  'START',
  'ALERT',
  'UNALERT',
  'YES',
  'NO',
  'APPS',
  'REVOKE',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Every keyword a villager may type for a command, per language. The first English one is canonical. */
export const KEYWORDS: Record<Language, Record<CommandName, string[]>> = {
  en: {
    HELP: ['HELP', 'H', '?'],
    JOIN: ['JOIN', 'REGISTER'],
    FIND: ['FIND', 'SEARCH'],
    ORDER: ['ORDER', 'BUY'],
    STATUS: ['STATUS'],
    CANCEL: ['CANCEL'],
    PRICE: ['PRICE', 'PRICES'],
    REPORT: ['REPORT'],
    SELL: ['SELL'],
    STOCK: ['STOCK'],
    ACCEPT: ['ACCEPT'],
    SHIP: ['SHIP'],
    RECEIVED: ['RECEIVED', 'RECEIVE'],
    ARRIVED: ['ARRIVED', 'ARRIVE'],
    DELIVERED: ['DELIVERED', 'DELIVER'],
    TASKS: ['TASKS'],
    ORDERS: ['ORDERS', 'SALES'],
    EARNINGS: ['EARNINGS'],
    PAYOUT: ['PAYOUT'],
    REFUND: ['REFUND'],
    LANG: ['LANG', 'LANGUAGE'],
    STOP: ['STOP', 'UNSUBSCRIBE'],
    START: ['START', 'SUBSCRIBE'],
    ALERT: ['ALERT', 'ALERTS'],
    UNALERT: ['UNALERT'],
    YES: ['YES'],
    NO: ['NO'],
    APPS: ['APPS'],
    REVOKE: ['REVOKE'],
  },
  sw: {
    HELP: ['MSAADA'],
    JOIN: ['JIUNGE'],
    FIND: ['TAFUTA'],
    ORDER: ['AGIZA', 'NUNUA', 'ODA'],
    STATUS: ['HALI'],
    CANCEL: ['GHAIRI'],
    PRICE: ['BEI'],
    REPORT: ['RIPOTI'],
    SELL: ['UZA'],
    STOCK: ['AKIBA'],
    ACCEPT: ['KUBALI'],
    SHIP: ['SAFIRISHA'],
    RECEIVED: ['NIMEPOKEA', 'POKEA'],
    ARRIVED: ['IMEFIKA'],
    DELIVERED: ['KABIDHI'],
    TASKS: ['KAZI'],
    ORDERS: ['MAUZO'],
    EARNINGS: ['MAPATO'],
    PAYOUT: ['LIPA'],
    REFUND: ['REJESHA'],
    LANG: ['LUGHA'],
    STOP: ['SITISHA'],
    START: ['ANZA'],
    ALERT: ['ARIFA'],
    UNALERT: ['ONDOA'],
    YES: ['NDIYO'],
    NO: ['HAPANA'],
    APPS: ['PROGRAMU'],
    REVOKE: ['BATILISHA'],
  },
  fr: {
    HELP: ['AIDE'],
    JOIN: ['INSCRIRE', 'REJOINDRE'],
    FIND: ['CHERCHER', 'TROUVER'],
    ORDER: ['COMMANDER', 'ACHETER'],
    STATUS: ['ETAT', 'SUIVI'],
    CANCEL: ['ANNULER'],
    PRICE: ['PRIX'],
    REPORT: ['SIGNALER'],
    SELL: ['VENDRE'],
    STOCK: ['INVENTAIRE', 'QTE'],
    ACCEPT: ['ACCEPTER'],
    SHIP: ['EXPEDIER'],
    RECEIVED: ['RECU'],
    ARRIVED: ['ARRIVEE'],
    DELIVERED: ['REMIS', 'REMISE'],
    TASKS: ['TACHES'],
    ORDERS: ['VENTES'],
    EARNINGS: ['GAINS'],
    PAYOUT: ['PAYER'],
    REFUND: ['REMBOURSER', 'RENDRE'],
    LANG: ['LANGUE'],
    STOP: ['ARRET', 'ARRETER'],
    START: ['REPRENDRE'],
    ALERT: ['ALERTE', 'ALERTES'],
    UNALERT: ['RETIRER'],
    YES: ['OUI'],
    NO: ['NON'],
    APPS: ['APPLIS'],
    REVOKE: ['REVOQUER'],
  },
  zh: {
    HELP: ['帮助'],
    JOIN: ['加入'],
    FIND: ['查找', '搜索'],
    ORDER: ['订购', '下单'],
    STATUS: ['状态'],
    CANCEL: ['取消'],
    PRICE: ['价格'],
    REPORT: ['报价'],
    SELL: ['出售'],
    STOCK: ['库存'],
    ACCEPT: ['接单'],
    SHIP: ['发货'],
    RECEIVED: ['揽收'],
    ARRIVED: ['到站'],
    DELIVERED: ['交货'],
    TASKS: ['任务'],
    ORDERS: ['销售'],
    EARNINGS: ['收入'],
    PAYOUT: ['付款'],
    REFUND: ['退款'],
    LANG: ['语言'],
    STOP: ['退订'],
    START: ['订阅'],
    ALERT: ['提醒'],
    UNALERT: ['删除提醒'],
    YES: ['同意', '是'],
    NO: ['拒绝', '否'],
    APPS: ['应用'],
    REVOKE: ['撤销'],
  },
};

/** Each keyword with its command and the language it is a word of: the first language that has it, in the order of LANGUAGES. */
export const KNOWN_KEYWORDS: ReadonlyMap<string, { command: CommandName; language: Language }> = (() => {
  const known = new Map<string, { command: CommandName; language: Language }>();
  for (const language of LANGUAGES) {
    for (const command of COMMANDS) {
      for (const keyword of KEYWORDS[language][command]) if (!known.has(keyword)) known.set(keyword, { command, language });
    }
  }
  return known;
})();

export const PAYMENT_WORDS: Record<'CASH' | 'MOBILE_MONEY', string[]> = {
  CASH: ['CASH', 'TASLIMU', 'ESPECES', '现金'],
  MOBILE_MONEY: ['MOMO', 'MPESA', 'M-PESA', 'MOBILE', '手机'],
};

/** PRICES WEEKLY <crop> subscribes to a weekly SMS of its prices, PRICES OFF stops it. */
export const WEEKLY_WORDS: Record<'ON' | 'OFF', string[]> = {
  ON: ['WEEKLY', 'KILAWIKI', 'HEBDO', '每周'],
  OFF: ['OFF', 'ZIMA', 'ARRET', '停止'],
};

/** An ALERT for a fall names it with one of these before the price; a rise may say so. */
export const ALERT_DIRECTION_WORDS: Record<'RISE' | 'FALL', string[]> = {
  RISE: ['ABOVE', 'JUU', 'DESSUS', '高于'],
  FALL: ['BELOW', 'CHINI', 'SOUS', '低于'],
};

/** Upper case without accents: "expédier" is typed as often as "EXPEDIER". */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}
