import { countMetric, METRICS } from '../../../core/telemetry/index.js';
import type { CommandName } from '../sms-keywords.js';
import { acceptCommand } from './accept.js';
import { alertCommand } from './alert.js';
import { appsCommand } from './apps.js';
import { arrivedCommand } from './arrived.js';
import { cancelCommand } from './cancel.js';
import type { Caller, Command, SmsCommand, Words } from './command-types.js';
import { noCommand, yesCommand } from './consent-answer.js';
import { deliveredCommand } from './delivered.js';
import { earningsCommand } from './earnings.js';
import { findCommand } from './find.js';
import { helpCommand } from './help.js';
import { joinCommand } from './join.js';
import { langCommand } from './lang.js';
import { orderCommand } from './order.js';
import { ordersCommand } from './orders.js';
import { payoutCommand } from './payout.js';
import { priceCommand } from './price.js';
import { receivedCommand } from './received.js';
import { refundCommand } from './refund.js';
import { reportCommand } from './report.js';
import { revokeCommand } from './revoke.js';
import { sellCommand } from './sell.js';
import { shipCommand } from './ship.js';
import { startCommand } from './start.js';
import { statusCommand } from './status.js';
import { stockCommand } from './stock.js';
import { stopCommand } from './stop.js';
import { tasksCommand } from './tasks.js';
import { unalertCommand } from './unalert.js';

/** Every command by its name: a name added to `COMMANDS` without a module here does not compile. */
export const SMS_COMMANDS: { [Name in CommandName]: SmsCommand<Name> } = {
  HELP: helpCommand,
  JOIN: joinCommand,
  FIND: findCommand,
  ORDER: orderCommand,
  STATUS: statusCommand,
  CANCEL: cancelCommand,
  PRICE: priceCommand,
  REPORT: reportCommand,
  SELL: sellCommand,
  STOCK: stockCommand,
  ACCEPT: acceptCommand,
  SHIP: shipCommand,
  RECEIVED: receivedCommand,
  ARRIVED: arrivedCommand,
  DELIVERED: deliveredCommand,
  TASKS: tasksCommand,
  ORDERS: ordersCommand,
  EARNINGS: earningsCommand,
  PAYOUT: payoutCommand,
  REFUND: refundCommand,
  LANG: langCommand,
  STOP: stopCommand,
  START: startCommand,
  ALERT: alertCommand,
  UNALERT: unalertCommand,
  YES: yesCommand,
  NO: noCommand,
  APPS: appsCommand,
  REVOKE: revokeCommand,
};

/** A command by its name, typed so that its `read` and `run` take that command's own shape. */
function commandNamed<Name extends CommandName>(name: Name): SmsCommand<Name> {
  return SMS_COMMANDS[name];
}

/** What was typed after a keyword, read as that keyword's command; null when it does not fit. */
export function readCommand(name: CommandName, words: Words): Command | null {
  return commandNamed(name).read(words);
}

/** Carries out one parsed command as GraphQL operations and says the outcome in one SMS. */
export async function runCommand(caller: Caller, command: Command): Promise<string> {
  // The weekly prices are started and stopped with PRICE's keyword, and counted as PRICE: the
  // dashboard graphs one series a command of the registry.
  const name = command.kind === 'WEEKLY' ? 'PRICE' : command.kind;
  countMetric(METRICS.smsCommands, { keyword: name });
  return commandNamed(name).run(caller, command);
}
