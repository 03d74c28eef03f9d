// What the server's log says during the load: faults, warnings, the DynamoDB client's busy sockets,
// and the seller notifications its (logging) SMS sender handed on. Optionally kept in a file.
import { createWriteStream, type WriteStream } from 'node:fs';
import { MESSAGES } from '../../channels/sms/sms-messages-by-language.js';
import { LANGUAGES } from '../../channels/text/languages.js';
import { wholeText } from './message-patterns.js';

const FAULT_SAMPLES = 5;
// Faults are logged as one JSON object with level error (console.error(JSON.stringify(...)) or a
// structured logger's ERROR); business outcomes never are.
const FAULT_LINE = /"level"\s*:\s*"error"/i;
const WARN_LINE = /"level"\s*:\s*"warn"/i;
const SOCKETS_BUSY = /socket usage at capacity=(\d+) and (\d+) additional requests are enqueued/;
/** The logging sender's line of a message it did not send, with the message's text. */
const NOT_SENT = /"message":"SMS not sent/;
/** A seller's notification of a new order, in whichever language the seller reads. */
const NEW_ORDER = LANGUAGES.map((language) => wholeText(MESSAGES[language].notifyNewOrder));

/** The order a logged message tells its seller of, if it is such a notification. */
function newOrderIn(line: string): string | undefined {
  if (!NOT_SENT.test(line)) return undefined;
  const { body } = JSON.parse(line) as { body: string };
  return NEW_ORDER.map((pattern) => pattern.exec(body)?.groups?.code).find(Boolean);
}

export class ServerLogWatch {
  readonly faults = { count: 0, samples: [] as string[] };
  warnLines = 0;
  /** The SDK's warnings that the server's DynamoDB client had every socket busy: how many, the longest queue. */
  readonly socketWaits = { warnings: 0, capacity: 0, mostEnqueued: 0 };
  /** Order code -> seller notifications of it the server handed to its (logging) SMS sender. */
  readonly notified = new Map<string, number>();
  /** Every SMS the server handed to its stand-in for the provider: to whom, and when the stand-in took it (ms since the epoch). */
  readonly sent: { to: string; at: number }[] = [];
  private readonly file: WriteStream | null;

  constructor(file: string | null) {
    this.file = file ? createWriteStream(file) : null;
  }

  readonly onLine = (line: string): void => {
    this.file?.write(`${line}\n`);
    const busy = SOCKETS_BUSY.exec(line);
    if (busy) {
      this.socketWaits.warnings++;
      this.socketWaits.capacity = Number(busy[1]);
      this.socketWaits.mostEnqueued = Math.max(this.socketWaits.mostEnqueued, Number(busy[2]));
    }
    if (WARN_LINE.test(line)) this.warnLines++;
    if (FAULT_LINE.test(line)) {
      this.faults.count++;
      if (this.faults.samples.length < FAULT_SAMPLES) this.faults.samples.push(line.slice(0, 1500));
    }
    if (NOT_SENT.test(line)) {
      const { to, at } = JSON.parse(line) as { to: string; at: string };
      this.sent.push({ to, at: Date.parse(at) });
    }
    const code = newOrderIn(line);
    if (code) this.notified.set(code, (this.notified.get(code) ?? 0) + 1);
  };
}
