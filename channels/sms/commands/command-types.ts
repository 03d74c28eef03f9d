import type { RequestContext } from '../../../core/access/index.js';
import type { Language } from '../../text/languages.js';
import type { CommandName } from '../sms-keywords.js';

type PaymentChoice = 'CASH' | 'MOBILE_MONEY';
/** One member per kind (not one whose kind is a union), so that each command's own can be picked out. */
type OnOrder<Kind extends string> = Kind extends string ? { kind: Kind; orderCode: string } : never;
type Wordless<Kind extends string> = Kind extends string ? { kind: Kind } : never;
type WithCode<Kind extends string> = Kind extends string ? { kind: Kind; code: string } : never;

/** A command as its words were read: what runs it needs, nothing of how it was typed. */
export type Command =
  | { kind: 'HELP'; topic: CommandName | null }
  | { kind: 'JOIN'; centerCode: string }
  | { kind: 'FIND'; words: string[] }
  | { kind: 'ORDER'; lines: { quantity: number; productCode: string }[]; payment: PaymentChoice }
  | { kind: 'STATUS'; orderCode: string | null }
  | OnOrder<'CANCEL' | 'ACCEPT' | 'SHIP' | 'RECEIVED' | 'ARRIVED'>
  | { kind: 'DELIVERED'; orderCode: string; pickupCode: string }
  | Wordless<'TASKS' | 'ORDERS' | 'EARNINGS' | 'APPS'>
  | { kind: 'PRICE'; commodity: string; market: string | null }
  | { kind: 'REPORT'; commodity: string; price: string; unit: string | null; market: string | null }
  | { kind: 'SELL'; productCode: string; price: string; stock: number; name: string | null }
  | { kind: 'STOCK'; productCode: string; quantity: number }
  | { kind: 'LANG'; language: Language }
  | Wordless<'STOP' | 'START'>
  | { kind: 'PAYOUT'; sellerPhone: string; amount: string }
  | { kind: 'REFUND'; orderCode: string; reference: string }
  /** Without an alert: list the sender's alerts. */
  | { kind: 'ALERT'; alert: { commodity: string; direction: 'RISE' | 'FALL'; price: string; market: string | null } | null }
  | { kind: 'UNALERT'; number: number }
  /** YES or NO to an app's consent request, with the code of its SMS. */
  | WithCode<'YES' | 'NO'>
  /** Takes back the access of the app APPS lists under `number`. */
  | { kind: 'REVOKE'; number: number }
  /** PRICES WEEKLY <crop>; PRICES OFF (commodity null). */
  | { kind: 'WEEKLY'; commodity: string | null };

/** What the words after a keyword may read as: PRICE's may also start or stop the weekly prices (WEEKLY). */
export type CommandOf<Name extends CommandName> = Extract<Command, { kind: Name | (Name extends 'PRICE' ? 'WEEKLY' : never) }>;

/** The words after the keyword: as typed, and folded (upper case, without accents) for codes and keywords. */
export interface Words {
  typed: string[];
  folded: string[];
}

/** Who is texting, as the schema knows them. */
export interface Caller {
  ctx: RequestContext;
  phone: string;
  language: Language;
  /** The center the caller joined; its village is the market whose product codes they type bare. */
  center: { id: string; name: string; villageId: string } | null;
  /** Twilio's id of the message: the idempotency key of whatever it changes. */
  messageSid: string;
}

/** One SMS command: how the words after its keyword are read, and what it does, said in one SMS. */
export interface SmsCommand<Name extends CommandName> {
  /** The command, or null when the words do not fit it: the sender then gets its usage line. */
  read(words: Words): CommandOf<Name> | null;
  run(caller: Caller, command: CommandOf<Name>): Promise<string>;
}
