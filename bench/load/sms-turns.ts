// A client's turns by SMS, as Twilio delivers a villager's texts: JOIN, then ORDER, FIND and STATUS,
// some orders sent again with the same MessageSid, as Twilio retries a webhook. Each phone writes
// its commands in a language of its own, with the channel's keywords, and reads the replies by the
// channel's catalogue (sms-reply-patterns.ts).
import { randomUUID } from 'node:crypto';
import { LANGUAGES } from '../../channels/text/languages.js';
import type { Client } from './load-buyers.js';
import { sms } from './load-clients.js';
import { category, type LoadContext, type Meter } from './load-context.js';
import { newPhone, pick, weighted } from './load-random.js';
import { CHANCE, FAULT_RETRIES, SMS_COMMANDS, SMS_PER_PHONE } from './load-settings.js';
import { commandIn, refusalOf } from './sms-reply-patterns.js';

interface Text {
  phone: string;
  body: string;
  sid: string;
}

const newSid = () => `SM${randomUUID().replace(/-/g, '')}`;

/** One SMS; the reply when it is one of the expected ones (with its meaning, the first that matches), null when it failed. */
async function send(load: LoadContext, text: Text, kind: string, expected: Record<string, RegExp>, meter: Meter = load.load) {
  const { stats, timeoutMs } = meter;
  const result = await sms(load.url, load.secrets.twilioToken, text.phone, text.body, text.sid, timeoutMs);
  if (result.failure) {
    stats.error(kind, result.ms, category(result.failure), result.failure);
    return null;
  }
  const reply = result.reply ?? '';
  const [meaning, match] = Object.entries(expected)
    .map(([name, pattern]) => [name, pattern.exec(reply)] as const)
    .find(([, found]) => found) ?? [null, null];
  if (!meaning || !match) {
    stats.error(kind, result.ms, refusalOf(reply) ?? 'unexpected reply', `${text.body} -> ${result.reply}`);
    return null;
  }
  stats.ok(kind, result.ms, meaning);
  return { reply, meaning, code: match.groups?.code };
}

type Answer = Awaited<ReturnType<typeof send>>;
type SmsClient = NonNullable<Client['sms']>;

function claimOrder(load: LoadContext, text: Text, answer: Answer): void {
  if (answer?.meaning === 'placed' && answer.code) load.ledger.claim(answer.code, `sms ${text.sid}`);
}

/** ORDER: sometimes sent twice at once, or again after its reply; repeated after a failure, and after the load when no try was answered. */
async function order(load: LoadContext, client: SmsClient): Promise<void> {
  const lines = load.catalogue.orderLines();
  const { keyword, replies } = commandIn(client.language, 'ORDER');
  const text = {
    phone: client.phone,
    body: `${keyword} ${lines.map((line) => `${line.quantity} ${line.productCode}`).join(' ')}`,
    sid: newSid(),
  };
  const endings = { placed: replies.ordered, 'out-of-stock': replies.outOfStock };
  const race = Math.random() < CHANCE.smsRace;
  if (race) client.sent++;
  const answers: Answer[] = race
    ? await Promise.all([send(load, text, 'sms ORDER', endings), send(load, text, 'sms repeat', endings)])
    : [await send(load, text, 'sms ORDER', endings)];
  if (race && answers[0] && answers[1] && answers[0].reply !== answers[1].reply) {
    load.ledger.repeatMismatches.racing.push(`SMS ${text.sid}: "${answers[0].reply}" and "${answers[1].reply}"`);
  }
  for (let retry = 0; retry < FAULT_RETRIES && !answers.some((a) => a !== null); retry++) {
    answers.push(await send(load, text, 'sms repeat', endings));
  }
  const first = answers.find((a) => a !== null);
  if (!first) {
    load.ledger.unanswered.push(async () => claimOrder(load, text, await send(load, text, 'sms ORDER', endings, load.recovery)));
    return;
  }
  for (const answer of answers) claimOrder(load, text, answer);
  if (!race && Math.random() < CHANCE.smsRetry) {
    const again = await send(load, text, 'sms repeat', endings);
    claimOrder(load, text, again);
    if (again && again.reply !== first.reply) {
      load.ledger.repeatMismatches.sequential.push(`SMS ${text.sid}: "${first.reply}", again "${again.reply}"`);
    }
  }
}

/**
 * A new phone, writing in a language of its own, JOINs the center and orders (again after
 * SMS_PER_PHONE commands, under the rate limit); a phone that has joined sends a command by weight.
 */
export async function smsTurn(load: LoadContext, client: Client): Promise<void> {
  if (!client.sms || client.sms.sent >= SMS_PER_PHONE) {
    client.sms = { phone: newPhone('755'), language: pick(LANGUAGES), sent: 2 };
    const { keyword, replies } = commandIn(client.sms.language, 'JOIN');
    const join = { phone: client.sms.phone, body: `${keyword} ${load.centerCode}`, sid: newSid() };
    if (await send(load, join, 'sms JOIN', { joined: replies.joined })) await order(load, client.sms);
    else client.sms = null;
    return;
  }
  const { phone, language } = client.sms;
  client.sms.sent++;
  const command = weighted(SMS_COMMANDS);
  if (command === 'FIND') {
    const { keyword, replies } = commandIn(language, 'FIND');
    const find = { phone, body: `${keyword} ${load.catalogue.popular().word}`, sid: newSid() };
    await send(load, find, 'sms FIND', { none: replies.foundNone, found: replies.found });
  } else if (command === 'STATUS') {
    const { keyword, replies } = commandIn(language, 'STATUS');
    await send(load, { phone, body: keyword, sid: newSid() }, 'sms STATUS', { listed: replies.orders, none: replies.noOrders });
  } else await order(load, client.sms);
}
