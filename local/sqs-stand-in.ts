import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const ACCOUNT = '000000000000';
/** SQS's limits on entries a batch call takes and on messages one receive returns. */
const MAX_BATCH = 10;
const MAX_WAIT_SECONDS = 20;
const MAX_VISIBILITY_SECONDS = 43_200;
/** How often a long poll looks again for messages whose visibility timeout ran out. */
const WAIT_TICK_MS = 50;
/** SQS stops counting a message in its age metric once it has been received this often. */
const AGE_METRIC_RECEIVE_LIMIT = 3;

interface Redrive {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

interface QueueSettings {
  visibilityTimeout: number;
  delaySeconds: number;
  messageRetentionPeriod: number;
  redrive: Redrive | null;
}

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  /** When the message entered this queue: its send, or its move to a dead-letter queue. */
  enqueuedAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | null;
  /** Only the handle of the latest receive can delete the message or change its visibility. */
  receiptHandle: string | null;
  deadLetterSourceArn: string | null;
}

interface Queue {
  name: string;
  arn: string;
  url: string;
  settings: QueueSettings;
  /** In the order they were sent, which is the order receives look at them. */
  messages: Map<string, Message>;
  /** Long polls waiting on this queue, woken when a message arrives. */
  waiters: Set<() => void>;
}

type Input = Record<string, unknown>;

/** An SQS error as the JSON protocol carries it: the modelled type, and the Query API's code the SDK maps it by. */
class SqsError extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const invalidParameter = (message: string) => new SqsError('InvalidParameterValue', 'InvalidParameterValue', message);
const unsupported = (message: string) => new SqsError('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', message);

const SETTING_ATTRIBUTES: Record<string, (value: string, settings: QueueSettings) => void> = {
  VisibilityTimeout: (value, settings) => {
    settings.visibilityTimeout = whole(Number(value), 0, MAX_VISIBILITY_SECONDS, 'VisibilityTimeout');
  },
  DelaySeconds: (value, settings) => {
    settings.delaySeconds = whole(Number(value), 0, 900, 'DelaySeconds');
  },
  MessageRetentionPeriod: (value, settings) => {
    settings.messageRetentionPeriod = whole(Number(value), 60, 1_209_600, 'MessageRetentionPeriod');
  },
  RedrivePolicy: (value, settings) => {
    settings.redrive = value === '' ? null : parseRedrive(value);
  },
};

function whole(value: unknown, min: number, max: number, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(`Value ${String(value)} for parameter ${name} is invalid. Reason: Must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function parseRedrive(value: string): Redrive {
  const policy = JSON.parse(value) as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  if (typeof policy.deadLetterTargetArn !== 'string') {
    throw new SqsError('InvalidAttributeValue', 'InvalidAttributeValue', 'RedrivePolicy needs a deadLetterTargetArn');
  }
  return {
    deadLetterTargetArn: policy.deadLetterTargetArn,
    maxReceiveCount: whole(Number(policy.maxReceiveCount), 1, 1000, 'maxReceiveCount'),
  };
}

/** A list or map that holds anything: an empty one asks for nothing the stand-in lacks. */
const isSome = (value: unknown) => value != null && Object.keys(value).length > 0;

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** Checks a batch call's entries as SQS does before it looks at any of them. */
function batchEntries(input: Input): Input[] {
  const entries = (input.Entries ?? []) as Input[];
  if (entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one entry in the request.',
    );
  }
  if (entries.length > MAX_BATCH) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`,
    );
  }
  if (new Set(entries.map((entry) => entry.Id)).size !== entries.length) {
    throw new SqsError(
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      'Two or more batch entries have the same Id.',
    );
  }
  return entries;
}

/** Runs each entry of a batch call on its own: one entry's error fails that entry, not the call. */
function settleEntries(entries: Input[], run: (entry: Input) => Input): { Successful: Input[]; Failed: Input[] } {
  const Successful: Input[] = [];
  const Failed: Input[] = [];
  for (const entry of entries) {
    try {
      Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: error.queryCode, Message: error.message });
    }
  }
  return { Successful, Failed };
}

const messageNotInflight = () =>
  new SqsError('MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'The message is not in flight.');

/** The system attributes SQS can return with a received message. */
function systemAttributes(message: Message): Record<string, string> {
  return {
    SenderId: ACCOUNT,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
    ...(message.deadLetterSourceArn ? { DeadLetterQueueSourceArn: message.deadLetterSourceArn } : {}),
  };
}

function pick(attributes: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => names.includes('All') || names.includes(name)));
}

/** The queues and their messages, with SQS's rules for each call. `now` is the clock messages live by. */
class SqsQueues {
  private readonly queues = new Map<string, Queue>();
  stopped = false;

  constructor(
    private readonly region: string,
    private readonly endpoint: string,
    private readonly now: () => number,
  ) {}

  create(name: string, attributes: Input): Queue {
    if (name.endsWith('.fifo')) throw unsupported('The stand-in has standard queues only.');
    if (!/^[\w-]{1,80}$/.test(name)) throw invalidParameter(`Invalid queue name: ${name}`);
    const settings = this.applySettings(attributes, {
      visibilityTimeout: 30,
      delaySeconds: 0,
      messageRetentionPeriod: 345_600,
      redrive: null,
    });
    const existing = this.queues.get(name);
    if (existing && JSON.stringify(existing.settings) !== JSON.stringify(settings)) {
      throw new SqsError('QueueNameExists', 'QueueAlreadyExists', `A queue named ${name} exists with other attributes.`);
    }
    const queue = existing ?? {
      name,
      arn: `arn:aws:sqs:${this.region}:${ACCOUNT}:${name}`,
      url: `${this.endpoint}/${ACCOUNT}/${name}`,
      settings,
      messages: new Map(),
      waiters: new Set(),
    };
    this.queues.set(name, queue);
    return queue;
  }

  named(name: unknown): Queue {
    const queue = this.queues.get(String(name));
    if (!queue) throw new SqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    return queue;
  }

  /** A queue URL ends in the queue's name; SQS takes it from any host that reaches the service. */
  at(url: unknown): Queue {
    return this.named(String(url).slice(String(url).lastIndexOf('/') + 1));
  }

  setAttributes(queue: Queue, attributes: Input): void {
    queue.settings = this.applySettings(attributes, queue.settings);
  }

  attributes(queue: Queue, names: string[]): Record<string, string> {
    const at = this.now();
    const messages = [...queue.messages.values()];
    const hidden = (message: Message) => message.visibleAt > at;
    const attributes: Record<string, string> = {
      QueueArn: queue.arn,
      VisibilityTimeout: String(queue.settings.visibilityTimeout),
      DelaySeconds: String(queue.settings.delaySeconds),
      MessageRetentionPeriod: String(queue.settings.messageRetentionPeriod),
      ApproximateNumberOfMessages: String(messages.filter((message) => !hidden(message)).length),
      ApproximateNumberOfMessagesNotVisible: String(messages.filter((message) => hidden(message) && message.receiveCount > 0).length),
      ApproximateNumberOfMessagesDelayed: String(messages.filter((message) => hidden(message) && message.receiveCount === 0).length),
      ...(queue.settings.redrive ? { RedrivePolicy: JSON.stringify(queue.settings.redrive) } : {}),
    };
    // RedrivePolicy is a known name even on a queue that has none.
    const unknown = names.find((name) => name !== 'All' && name !== 'RedrivePolicy' && !(name in attributes));
    if (unknown) throw new SqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown or unsupported attribute ${unknown}.`);
    return pick(attributes, names);
  }

  send(queue: Queue, entry: Input): Input {
    if (isSome(entry.MessageAttributes) || isSome(entry.MessageSystemAttributes))
      throw unsupported('The stand-in does not carry message attributes.');
    const body = String(entry.MessageBody ?? '');
    if (body === '') throw invalidParameter('The request must contain the parameter MessageBody.');
    const delay = whole(entry.DelaySeconds ?? queue.settings.delaySeconds, 0, 900, 'DelaySeconds');
    const at = this.now();
    const message: Message = {
      id: randomUUID(),
      body,
      md5: md5(body),
      sentAt: at,
      enqueuedAt: at,
      visibleAt: at + delay * 1000,
      receiveCount: 0,
      firstReceivedAt: null,
      receiptHandle: null,
      deadLetterSourceArn: null,
    };
    this.enqueue(queue, message);
    return { MessageId: message.id, MD5OfMessageBody: message.md5 };
  }

  /** Waits up to `wait` seconds (real time) for visible messages, unless the caller went away or the stand-in stops. */
  async receive(queue: Queue, request: { max: number; wait: number; visibility: number; names: string[] }, open: () => boolean) {
    const deadline = Date.now() + request.wait * 1000;
    // A long poll whose caller went away takes nothing, or the messages would hide from everyone else.
    while (open() && !this.stopped) {
      const taken = this.take(queue, request.max, request.visibility);
      if (taken.length > 0) return taken.map((message) => this.received(message, request.names));
      if (Date.now() >= deadline) break;
      await this.nextChance(queue, deadline);
    }
    return [];
  }

  // As SQS documents: a delete succeeds with any handle the message was received with, but only the
  // latest receive's handle deletes it; a message already gone is no error.
  delete(queue: Queue, receiptHandle: unknown): void {
    const message = this.receivedWith(queue, receiptHandle);
    if (message && message.receiptHandle === receiptHandle) queue.messages.delete(message.id);
  }

  changeVisibility(queue: Queue, receiptHandle: unknown, timeout: unknown): void {
    const seconds = whole(timeout, 0, MAX_VISIBILITY_SECONDS, 'VisibilityTimeout');
    const message = this.receivedWith(queue, receiptHandle);
    if (!message || message.visibleAt <= this.now()) throw messageNotInflight();
    if (message.receiptHandle !== receiptHandle) {
      throw new SqsError('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 'The receipt handle has expired.', 404);
    }
    message.visibleAt = this.now() + seconds * 1000;
    if (seconds === 0) this.wake(queue);
  }

  /**
   * SQS's CloudWatch metric ApproximateAgeOfOldestMessage: the seconds the oldest message has been in the
   * queue, leaving out, as SQS does, messages received three times or more.
   */
  ageOfOldestMessage(queue: Queue): number {
    const counted = [...queue.messages.values()].filter((message) => message.receiveCount < AGE_METRIC_RECEIVE_LIMIT);
    if (counted.length === 0) return 0;
    return Math.floor((this.now() - Math.min(...counted.map((message) => message.enqueuedAt))) / 1000);
  }

  stop(): void {
    this.stopped = true;
    for (const queue of this.queues.values()) this.wake(queue);
  }

  private applySettings(attributes: Input, settings: QueueSettings): QueueSettings {
    const next = { ...settings };
    for (const [name, value] of Object.entries(attributes)) {
      const apply = SETTING_ATTRIBUTES[name];
      if (!apply) throw new SqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown or unsupported attribute ${name}.`);
      apply(String(value), next);
    }
    const target = next.redrive?.deadLetterTargetArn;
    if (target && !this.withArn(target)) {
      throw new SqsError('InvalidAttributeValue', 'InvalidAttributeValue', `Dead letter target does not exist: ${target}`);
    }
    return next;
  }

  private withArn(arn: string): Queue | undefined {
    return [...this.queues.values()].find((queue) => queue.arn === arn);
  }

  private enqueue(queue: Queue, message: Message): void {
    queue.messages.set(message.id, message);
    this.wake(queue);
  }

  private wake(queue: Queue): void {
    for (const wake of queue.waiters) wake();
  }

  /** Hands out up to `max` visible messages, hidden for `visibility` seconds, each with a new receipt handle. */
  private take(queue: Queue, max: number, visibility: number): Message[] {
    const at = this.now();
    const taken: Message[] = [];
    for (const message of queue.messages.values()) {
      if (taken.length === max) break;
      if (message.sentAt + queue.settings.messageRetentionPeriod * 1000 <= at) {
        queue.messages.delete(message.id);
        continue;
      }
      if (message.visibleAt > at) continue;
      const redrive = queue.settings.redrive;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
        this.moveToDeadLetter(queue, message, redrive);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= at;
      message.visibleAt = at + visibility * 1000;
      message.receiptHandle = Buffer.from(`${message.id} ${randomBytes(12).toString('hex')}`).toString('base64url');
      taken.push(message);
    }
    return taken;
  }

  /** As SQS does, the message keeps its id, sent time and receive count, and names the queue it came from. */
  private moveToDeadLetter(queue: Queue, message: Message, redrive: Redrive): void {
    const target = this.withArn(redrive.deadLetterTargetArn);
    if (!target) throw new Error(`dead-letter queue ${redrive.deadLetterTargetArn} of ${queue.name} is gone`);
    queue.messages.delete(message.id);
    const at = this.now();
    this.enqueue(target, { ...message, enqueuedAt: at, visibleAt: at, receiptHandle: null, deadLetterSourceArn: queue.arn });
  }

  private received(message: Message, names: string[]): Input {
    const attributes = pick(systemAttributes(message), names);
    return {
      MessageId: message.id,
      ReceiptHandle: message.receiptHandle,
      MD5OfBody: message.md5,
      Body: message.body,
      ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    };
  }

  /** Resolves when a message arrives in the queue, or after a tick to look for visibility timeouts that ran out. */
  private nextChance(queue: Queue, deadline: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        queue.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, Math.min(WAIT_TICK_MS, deadline - Date.now())));
      queue.waiters.add(wake);
    });
  }

  /** The message a receipt handle names, if it is still in the queue; a handle no receive gave out is an error. */
  private receivedWith(queue: Queue, receiptHandle: unknown): Message | undefined {
    const decoded = typeof receiptHandle === 'string' ? Buffer.from(receiptHandle, 'base64url').toString() : '';
    const [id, nonce] = decoded.split(' ');
    if (!id || !nonce) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${String(receiptHandle)}" is not valid.`,
        404,
      );
    }
    return queue.messages.get(id);
  }
}

type Action = (queues: SqsQueues, input: Input, open: () => boolean) => unknown;

/** The calls the stand-in answers, by the name in `X-Amz-Target: AmazonSQS.<name>`, with SQS's field names. */
const ACTIONS: Record<string, Action> = {
  CreateQueue: (queues, input) => ({ QueueUrl: queues.create(String(input.QueueName ?? ''), (input.Attributes ?? {}) as Input).url }),
  GetQueueUrl: (queues, input) => ({ QueueUrl: queues.named(input.QueueName).url }),
  GetQueueAttributes: (queues, input) => ({
    Attributes: queues.attributes(queues.at(input.QueueUrl), (input.AttributeNames ?? []) as string[]),
  }),
  SetQueueAttributes: (queues, input) => {
    queues.setAttributes(queues.at(input.QueueUrl), (input.Attributes ?? {}) as Input);
    return {};
  },
  SendMessage: (queues, input) => queues.send(queues.at(input.QueueUrl), input),
  SendMessageBatch: (queues, input) => {
    const queue = queues.at(input.QueueUrl);
    return settleEntries(batchEntries(input), (entry) => queues.send(queue, entry));
  },
  ReceiveMessage: async (queues, input, open) => {
    const queue = queues.at(input.QueueUrl);
    if (isSome(input.MessageAttributeNames)) throw unsupported('The stand-in does not carry message attributes.');
    const messages = await queues.receive(
      queue,
      {
        max: whole(input.MaxNumberOfMessages ?? 1, 1, MAX_BATCH, 'MaxNumberOfMessages'),
        wait: whole(input.WaitTimeSeconds ?? 0, 0, MAX_WAIT_SECONDS, 'WaitTimeSeconds'),
        visibility: whole(input.VisibilityTimeout ?? queue.settings.visibilityTimeout, 0, MAX_VISIBILITY_SECONDS, 'VisibilityTimeout'),
        names: [...((input.AttributeNames ?? []) as string[]), ...((input.MessageSystemAttributeNames ?? []) as string[])],
      },
      open,
    );
    return messages.length > 0 ? { Messages: messages } : {};
  },
  DeleteMessage: (queues, input) => {
    queues.delete(queues.at(input.QueueUrl), input.ReceiptHandle);
    return {};
  },
  DeleteMessageBatch: (queues, input) => {
    const queue = queues.at(input.QueueUrl);
    return settleEntries(batchEntries(input), (entry) => {
      queues.delete(queue, entry.ReceiptHandle);
      return {};
    });
  },
  ChangeMessageVisibility: (queues, input) => {
    queues.changeVisibility(queues.at(input.QueueUrl), input.ReceiptHandle, input.VisibilityTimeout);
    return {};
  },
};

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...headers });
  response.end(JSON.stringify(body));
}

async function serve(queues: SqsQueues, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let open = true;
  response.once('close', () => {
    open = false;
  });
  const target = String(request.headers['x-amz-target'] ?? '');
  const action = target.startsWith('AmazonSQS.') ? ACTIONS[target.slice('AmazonSQS.'.length)] : undefined;
  let text = '';
  for await (const chunk of request) text += chunk;
  try {
    if (!action) throw unsupported(`Unknown operation ${target}.`);
    reply(response, 200, await action(queues, JSON.parse(text || '{}') as Input, () => open));
  } catch (error) {
    if (!(error instanceof SqsError)) throw error;
    const body = { __type: `com.amazonaws.sqs#${error.type}`, message: error.message };
    reply(response, error.status, body, { 'x-amzn-query-error': `${error.queryCode};Sender` });
  }
}

/**
 * A loopback stand-in for Amazon SQS (standard queues), speaking its JSON protocol so that the real
 * `@aws-sdk/client-sqs` client, pointed at `endpoint`, drives it: queues with a visibility timeout and a
 * redrive policy, receives that hide a message for the visibility timeout and hand it out again with its
 * receive count up, a move to the dead-letter queue once a message was received maxReceiveCount times,
 * long polls. `now` is the clock messages live by (sent, visible again, age); a long poll waits in real time.
 */
export async function startSqsStandIn(region: string, now: () => number = Date.now) {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const queues = new SqsQueues(region, endpoint, now);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    serve(queues, request, response).catch((error: unknown) => {
      const body = { __type: 'com.amazonaws.sqs#InternalError', message: String(error) };
      reply(response, 500, body, { 'x-amzn-query-error': 'InternalError;Receiver' });
    });
  });

  return {
    /** Point an `SQSClient` here (`endpoint`, with any credentials). */
    endpoint,
    /** SQS's CloudWatch metric ApproximateAgeOfOldestMessage (no SQS call returns it), in seconds. */
    ageOfOldestMessage: (queueUrl: string): number => queues.ageOfOldestMessage(queues.at(queueUrl)),
    stop: async () => {
      queues.stop();
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}

export type SqsStandIn = Awaited<ReturnType<typeof startSqsStandIn>>;
