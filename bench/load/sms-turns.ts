// A client's turns by SMS, as Twilio delivers a villager's texts: JOIN, then ORDER, FIND and STATUS,
// some orders sent again with the same MessageSid, as Twilio retries a webhook.
import { randomUUID } from 'node:crypto';
import type { Client } from './load-buyers.js';
import { sms } from './load-clients.js';
import { category, type LoadContext, type Meter } from './load-context.js';
import { newPhone, weighted } from './load-random.js';
import { CHANCE, FAULT_RETRIES, SMS_COMMANDS, SMS_PER_PHONE } from './load-settings.js';

/** What the text channel answers (English), by what it means. */
const SMS_REPLY = {
  joined: /^You joined /,
  ordered: /^Order (\S+): /,
  outOfStock: /^Sorry, only \d+ of \S+ left\./,
  found: /^(?!Nothing found)\S+ .+/,
  foundNone: /^Nothing found for /,
  status: /^(Your orders: |You have no orders yet)/,
  fault: /something went wrong/i,
  rateLimited: /^Too many messages/,
};

interface Text {
  phone: string;
  body: string;
  sid: string;
}

const newSid = () => `SM${randomUUID().replace(/-/g, '')}`;

/** One SMS; the reply when it is one of the expected ones (with its meaning), null when it failed. */
async function send(load: LoadContext, text: Text, kind: string, expected: Record<string, RegExp>, meter: Meter = load.load) {
  const { stats, timeoutMs } = meter;
  const result = await sms(load.url, load.secrets.twilioToken, text.phone, text.body, text.sid, timeoutMs);
  if (result.failure) {
    stats.error(kind, result.ms, category(result.failure), result.failure);
    return null;
  }
  const reply = result.reply ?? '';
  const meaning = Object.entries(expected).find(([, pattern]) => pattern.test(reply))?.[0];
  if (!meaning) {
    const what = SMS_REPLY.fault.test(reply) ? 'fault reply' : SMS_REPLY.rateLimited.test(reply) ? 'rate limited' : 'unexpected reply';
    stats.error(kind, result.ms, what, `${text.body} -> ${result.reply}`);
    return null;
  }
  stats.ok(kind, result.ms, meaning);
  return { reply, meaning };
}

type Answer = Awaited<ReturnType<typeof send>>;
const ORDER_REPLIES = { placed: SMS_REPLY.ordered, 'out-of-stock': SMS_REPLY.outOfStock };

function claimOrder(load: LoadContext, text: Text, answer: Answer): void {
  const code = answer && SMS_REPLY.ordered.exec(answer.reply)?.[1];
  if (code) load.ledger.claim(code, `sms ${text.sid}`);
}

/** ORDER: sometimes sent twice at once, or again after its reply; repeated after a failure, and after the load when no try was answered. */
async function order(load: LoadContext, client: { phone: string; sent: number }): Promise<void> {
  const lines = load.catalogue.orderLines();
  const text = {
    phone: client.phone,
    body: `ORDER ${lines.map((line) => `${line.quantity} ${line.productCode}`).join(' ')}`,
    sid: newSid(),
  };
  const race = Math.random() < CHANCE.smsRace;
  if (race) client.sent++;
  const answers: Answer[] = race
    ? await Promise.all([send(load, text, 'sms ORDER', ORDER_REPLIES), send(load, text, 'sms repeat', ORDER_REPLIES)])
    : [await send(load, text, 'sms ORDER', ORDER_REPLIES)];
  if (race && answers[0] && answers[1] && answers[0].reply !== answers[1].reply) {
    load.ledger.repeatMismatches.racing.push(`SMS ${text.sid}: "${answers[0].reply}" and "${answers[1].reply}"`);
  }
  for (let retry = 0; retry < FAULT_RETRIES && !answers.some((a) => a !== null); retry++) {
    answers.push(await send(load, text, 'sms repeat', ORDER_REPLIES));
  }
  const first = answers.find((a) => a !== null);
  if (!first) {
    load.ledger.unanswered.push(async () => claimOrder(load, text, await send(load, text, 'sms ORDER', ORDER_REPLIES, load.recovery)));
    return;
  }
  for (const answer of answers) claimOrder(load, text, answer);
  if (!race && Math.random() < CHANCE.smsRetry) {
    const again = await send(load, text, 'sms repeat', ORDER_REPLIES);
    claimOrder(load, text, again);
    if (again && again.reply !== first.reply) {
      load.ledger.repeatMismatches.sequential.push(`SMS ${text.sid}: "${first.reply}", again "${again.reply}"`);
    }
  }
}

/** A new phone JOINs the center first (and again after SMS_PER_PHONE commands, under the rate limit); then a command by weight. */
export async function smsTurn(load: LoadContext, client: Client): Promise<void> {
  if (!client.sms || client.sms.sent >= SMS_PER_PHONE) {
    client.sms = { phone: newPhone('755'), sent: 1 };
    const join = { phone: client.sms.phone, body: `JOIN ${load.centerCode}`, sid: newSid() };
    if (!(await send(load, join, 'sms JOIN', { joined: SMS_REPLY.joined }))) client.sms = null;
    return;
  }
  const { phone } = client.sms;
  client.sms.sent++;
  const command = weighted(SMS_COMMANDS);
  if (command === 'FIND') {
    const find = { phone, body: `FIND ${load.catalogue.popular().word}`, sid: newSid() };
    await send(load, find, 'sms FIND', { found: SMS_REPLY.found, none: SMS_REPLY.foundNone });
  } else if (command === 'STATUS') {
    await send(load, { phone, body: 'STATUS', sid: newSid() }, 'sms STATUS', { listed: SMS_REPLY.status });
  } else await order(load, client.sms);
}
