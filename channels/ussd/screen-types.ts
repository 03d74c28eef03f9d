import type { RequestContext } from '../../core/access/index.js';
import type { Language } from '../text/languages.js';
import type { AlertItem, AppItem, ConsentItem, OrderItem, ProductItem, ShownLists } from './shown-lists.js';
import type { UssdMessages } from './ussd-messages.js';

/** The caller as the menus see them. */
export interface MenuCaller {
  ctx: RequestContext;
  phone: string;
  language: Language;
  center: { id: string; name: string; villageId: string } | null;
  isPartner: boolean;
  hasShop: boolean;
  /** The session id and the path up to the input being applied: the idempotency key of what it confirms. */
  actionKey: string;
}

export interface MenuContext {
  caller: MenuCaller;
  lists: ShownLists;
  m: UssdMessages;
  /** Room for a screen under a hint: every screen leaves space for one, so pages split the same with or without. */
  limit: number;
}

type Payment = 'CASH' | 'MOBILE_MONEY';
type ListName = 'categories' | 'products' | 'mine' | 'commodities' | 'markets' | 'orders' | 'tasks' | 'sales' | 'alerts' | 'apps';

type NoState = Record<never, never>;

/** What each screen carries besides its id. */
interface ScreenState {
  stranger: NoState;
  main: NoState;
  joinCode: NoState;
  buy: NoState;
  searchWord: NoState;
  list: { list: ListName; page: number; source?: string };
  quantity: { product: ProductItem };
  payment: { product: ProductItem; quantity: number };
  confirm: { product: ProductItem; quantity: number; payment: Payment };
  sell: NoState;
  listing: { product: ProductItem };
  newPrice: { product: ProductItem };
  newStock: { product: ProductItem };
  order: { order: OrderItem };
  task: { order: OrderItem };
  sale: { order: OrderItem };
  /** `attemptsLeft`: what the last wrong code typed in this session left. */
  pickupCode: { order: OrderItem; attemptsLeft?: number };
  language: NoState;
  /** A new price alert of a commodity (any market, per kg): which way, then the price. */
  alertDirection: { commodity: string };
  alertPrice: { commodity: string; direction: 'RISE' | 'FALL' };
  /** One of the caller's alerts, which they may remove. */
  alert: { alert: AlertItem };
  /** An app's request waiting for the caller's answer: allow or deny. */
  consent: { request: ConsentItem };
  /** An app the caller let act for them: what it may do, and taking that back. */
  app: { app: AppItem };
}

export type ScreenId = keyof ScreenState;

/** A screen of the given kind; of any kind when no id is given. */
export type Screen<Id extends ScreenId = ScreenId> = { [K in Id]: { id: K } & ScreenState[K] }[Id];

export type Step =
  | { push: Screen }
  | { replace: Screen }
  | { back: true }
  | { end: string }
  | { invalid: keyof Pick<UssdMessages, 'invalid' | 'unknownCenter'> };

/** One screen: what it shows, and what an input on it does. */
export interface ScreenModule<S extends { id: ScreenId }> {
  render(mc: MenuContext, screen: S): Promise<string> | string;
  /**
   * `last` says whether the input is the path's last: only then may it change anything, since an
   * earlier one would have ended the session.
   */
  apply(mc: MenuContext, screen: S, input: string, last: boolean): Promise<Step> | Step;
}
