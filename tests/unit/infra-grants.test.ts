// Each function's role allows exactly what the function does with the table and the queues. The table
// below is the grant each function gets, read from the synthesized template; and each function's code,
// bundled as deployed (only the handler the function runs, unminified), is read for the DynamoDB
// commands it sends, the items of its transactions and the lists it queries, and for the messages it
// puts on each queue: a command without its grant fails, and so does a grant no code uses.
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ListKey, listKeys } from '../../core/db/index.js';
import { handlerSource } from '../../infra/bundle-function.js';
import { VillageFunction } from '../../infra/constructs/village-function.js';
import { VillageTradeStack } from '../../infra/village-trade-stack.js';

/**
 * A function's actions (without the `dynamodb:` or `sqs:` prefix), by what they are allowed on: the
 * table, its indexes, its stream, or a queue (failures, outgoing, fanout, webhooks).
 */
type Grants = Record<string, string[]>;

const CHANNEL = ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'];
/** What the stream's event source mapping reads with the function's role. */
const STREAM_READS = ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'];
/** What a queue's event source mapping does with the function's role: receives, and deletes what succeeded. */
const QUEUE_CONSUMES = ['ChangeMessageVisibility', 'DeleteMessage', 'GetQueueAttributes', 'GetQueueUrl', 'ReceiveMessage'];
/** What an on-failure destination (of the stream's mapping, of an asynchronous invocation) sends with the function's role. */
const FAILURE_SENDS = ['GetQueueAttributes', 'GetQueueUrl', 'SendMessage'];

const GRANTS: Record<string, Grants> = {
  Graphql: { table: CHANNEL, index: ['Query'] },
  Sms: { table: CHANNEL, index: ['Query'] },
  OAuth: { table: ['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], index: ['Query'] },
  Ussd: { table: CHANNEL, index: ['Query'] },
  Notifier: {
    table: ['BatchGetItem', 'GetItem', 'Query'],
    stream: STREAM_READS,
    failures: FAILURE_SENDS,
    outgoing: ['SendMessage'],
    fanout: ['SendMessage'],
    webhooks: ['SendMessage'],
  },
  SmsSender: { table: ['BatchGetItem', 'DeleteItem', 'PutItem'], outgoing: QUEUE_CONSUMES },
  Fanout: { table: ['GetItem', 'Query', 'UpdateItem'], outgoing: ['SendMessage'], fanout: [...QUEUE_CONSUMES, 'SendMessage'].sort() },
  MpesaCallback: { table: ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'] },
  MobileMoneySweeper: { table: CHANNEL, failures: FAILURE_SENDS },
  WeeklyPrices: { failures: FAILURE_SENDS, fanout: ['SendMessage'] },
  WebhookSender: { table: ['GetItem', 'PutItem', 'UpdateItem'], webhooks: [...QUEUE_CONSUMES, 'SendMessage'].sort() },
};

/**
 * The actions a command of @aws-sdk/lib-dynamodb or @aws-sdk/client-dynamodb needs. A transaction has no
 * action of its own: IAM checks each of its items as the action it is (TRANSACTION_ITEMS).
 */
const COMMAND_ACTIONS: Record<string, string[]> = {
  GetCommand: ['GetItem'],
  GetItemCommand: ['GetItem'],
  BatchGetCommand: ['BatchGetItem'],
  BatchGetItemCommand: ['BatchGetItem'],
  QueryCommand: ['Query'],
  ScanCommand: ['Scan'],
  PutCommand: ['PutItem'],
  PutItemCommand: ['PutItem'],
  UpdateCommand: ['UpdateItem'],
  UpdateItemCommand: ['UpdateItem'],
  DeleteCommand: ['DeleteItem'],
  DeleteItemCommand: ['DeleteItem'],
  BatchWriteCommand: ['BatchWriteItem'],
  BatchWriteItemCommand: ['BatchWriteItem'],
  TransactGetCommand: ['GetItem'],
  TransactGetItemsCommand: ['GetItem'],
  TransactWriteCommand: [],
  TransactWriteItemsCommand: [],
};
const TRANSACTION_ITEMS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

/** The actions a command of @aws-sdk/client-sqs needs: SendMessageBatch is authorized as SendMessage. */
const SQS_COMMAND_ACTIONS: Record<string, string[]> = {
  SendMessageCommand: ['SendMessage'],
  SendMessageBatchCommand: ['SendMessage'],
  ReceiveMessageCommand: ['ReceiveMessage'],
  DeleteMessageCommand: ['DeleteMessage'],
  DeleteMessageBatchCommand: ['DeleteMessage'],
  ChangeMessageVisibilityCommand: ['ChangeMessageVisibility'],
  ChangeMessageVisibilityBatchCommand: ['ChangeMessageVisibility'],
  GetQueueAttributesCommand: ['GetQueueAttributes'],
  GetQueueUrlCommand: ['GetQueueUrl'],
};
/** The queue each method of the functions' queues (channels/sms/message-queues.ts, channels/webhooks/webhook-queue.ts) puts messages on. */
const QUEUE_METHODS: Record<string, string> = {
  sendPages: 'outgoing',
  startJobs: 'fanout',
  queueWebhooks: 'webhooks',
  requeue: 'webhooks',
};

const DYNAMODB_PACKAGES = /node_modules\/@aws-sdk\/(lib|client)-dynamodb\//;
const SQS_PACKAGE = /node_modules\/@aws-sdk\/client-sqs\//;

type Module = { path: string; code: string };

/** The bundle's modules: esbuild puts each one's code under a `// <path>` comment. */
function modules(bundle: string): Module[] {
  const parts = bundle.split(/^\/\/ (\S+)$/m);
  return Array.from({ length: (parts.length - 1) / 2 }, (_, index) => ({ path: parts[2 * index + 1]!, code: parts[2 * index + 2]! }));
}

/** The commands a bundle sends of a package's: the classes it defines (under the names esbuild gave them), made by any other code. */
function sentCommands(all: Module[], pkg: RegExp): string[] {
  const commands = new Map(
    all
      .filter((module) => pkg.test(module.path))
      .flatMap((module) => [...module.code.matchAll(/\b(?:var|let|const|class) (\w+Command)(\d*)\b/g)])
      .map(([, name, suffix]) => [`${name}${suffix}`, name!]),
  );
  const callers = all.filter((module) => !pkg.test(module.path)).map((module) => module.code);
  const sent = new Set(
    callers.flatMap((code) => [...code.matchAll(/\bnew (\w+)\(/g)].map(([, name]) => name!)).filter((name) => commands.has(name)),
  );
  return [...new Set([...sent].map((name) => commands.get(name)!))];
}

/** What the code of a bundle needs of the table: each command it sends, each kind of transaction item it writes, each list it queries. */
function tableNeeds(all: Module[]): Grants {
  const ours = all.filter((module) => !module.path.includes('node_modules/')).map((module) => module.code);
  const actions = new Set<string>();
  for (const command of sentCommands(all, DYNAMODB_PACKAGES)) {
    expect(COMMAND_ACTIONS, `the actions of ${command}`).toHaveProperty(command);
    for (const action of COMMAND_ACTIONS[command]!) actions.add(action);
    if (/^Transact(Write|WriteItems)Command$/.test(command)) {
      for (const [, item] of ours.flatMap((code) => [...code.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:/g)])) {
        actions.add(TRANSACTION_ITEMS[item!]!);
      }
    }
  }
  const needs: Grants = actions.size > 0 ? { table: [...actions].sort() } : {};
  // Only Query reads an index here, and a query's index is its list key's (core/db/keys.ts).
  const lists = [...new Set(ours.flatMap((code) => [...code.matchAll(/\blistKeys\d*\.(\w+)\(/g)].map(([, name]) => name!)))];
  if (actions.has('Query')) expect(lists, 'the lists a function that queries reads').not.toEqual([]);
  const listKey = (name: string) => (listKeys as Record<string, (...args: unknown[]) => ListKey>)[name]!('any', 0, 'any');
  if (lists.some((name) => listKey(name).index)) needs.index = ['Query'];
  return needs;
}

/** What the code of a bundle needs of the queues: the actions of the SQS commands it sends, on each queue whose method it calls. */
function queueNeeds(all: Module[]): Grants {
  const ours = all.filter((module) => !module.path.includes('node_modules/')).map((module) => module.code);
  const actions = new Set<string>();
  for (const command of sentCommands(all, SQS_PACKAGE)) {
    expect(SQS_COMMAND_ACTIONS, `the actions of ${command}`).toHaveProperty(command);
    for (const action of SQS_COMMAND_ACTIONS[command]!) actions.add(action);
  }
  const called = Object.keys(QUEUE_METHODS).filter((method) => ours.some((code) => new RegExp(`\\.${method}\\(`).test(code)));
  expect(called.length > 0, 'a function that sends SQS commands calls a method of the queues').toBe(actions.size > 0);
  return Object.fromEntries(called.map((method) => [QUEUE_METHODS[method]!, [...actions].sort()]));
}

/** What the code of a bundle needs: of the table and of the queues. */
function codeNeeds(bundle: string): Grants {
  const all = modules(bundle);
  return { ...tableNeeds(all), ...queueNeeds(all) };
}

interface Synthesized {
  template: Record<string, any>;
  stack: Stack;
  functions: VillageFunction[];
}

/** The stack without bundling the functions (the grants are in the template, the code is bundled below). */
function synthesize(): Synthesized {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new VillageTradeStack(app, 'GrantsStack');
  const functions = stack.node.findAll().filter((construct): construct is VillageFunction => construct instanceof VillageFunction);
  return { template: Template.fromStack(stack).toJSON(), stack, functions };
}

const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** The names of the resources grants are on, by how the template refers to them. */
function resourceNames(stack: Stack): Record<string, string> {
  const table = logicalId(stack.node.findChild('Table'));
  const queue = (id: string) => JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.node.findChild(id)), 'Arn'] });
  return {
    [JSON.stringify({ 'Fn::GetAtt': [table, 'Arn'] })]: 'table',
    [JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/*']] })]: 'index',
    [JSON.stringify({ 'Fn::GetAtt': [table, 'StreamArn'] })]: 'stream',
    [queue('Failures')]: 'failures',
    [queue('OutgoingQueue')]: 'outgoing',
    [queue('FanoutQueue')]: 'fanout',
    [queue('WebhooksQueue')]: 'webhooks',
  };
}

const nameOf = (stack: Stack, reference: unknown) => resourceNames(stack)[JSON.stringify(reference)] ?? JSON.stringify(reference);

/** The DynamoDB and SQS actions the template grants a function's role, by resource: the table, its indexes, its stream, the queues. */
function grantsOf({ template, stack }: Synthesized, village: VillageFunction): Grants {
  const role = logicalId(village.fn.role!);
  const grants = new Map<string, Set<string>>();
  const statements = Object.values<any>(template.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && resource.Properties.Roles.some((name: any) => name.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  for (const statement of statements) {
    for (const action of [statement.Action].flat().filter((name: string) => /^(dynamodb|sqs):/.test(name))) {
      for (const resource of [statement.Resource].flat()) {
        const name = nameOf(stack, resource);
        grants.set(name, (grants.get(name) ?? new Set()).add(action.slice(action.indexOf(':') + 1)));
      }
    }
  }
  return Object.fromEntries([...grants].map(([name, actions]) => [name, [...actions].sort()]));
}

/** Grants together: each resource's actions, once each. */
function union(...all: Grants[]): Grants {
  const merged = new Map<string, Set<string>>();
  for (const [name, actions] of all.flatMap((grants) => Object.entries(grants))) {
    merged.set(name, new Set([...(merged.get(name) ?? []), ...actions]));
  }
  return Object.fromEntries([...merged].map(([name, actions]) => [name, [...actions].sort()]));
}

/**
 * What a function needs: what its code sends, and what its event source mappings and on-failure
 * destinations do with its role: the stream's reads, a queue's receives and deletes, a failure's send.
 */
function needsOf({ template, stack }: Synthesized, village: VillageFunction, code: Grants): Grants {
  const own = Object.values<any>(template.Resources).filter((resource) => resource.Properties?.FunctionName?.Ref === logicalId(village.fn));
  const needs = [code];
  for (const { Properties: mapping } of own.filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping')) {
    const source = nameOf(stack, mapping.EventSourceArn);
    needs.push({ [source]: source === 'stream' ? STREAM_READS : QUEUE_CONSUMES });
  }
  for (const { Properties: invocation } of own.filter((resource) =>
    ['AWS::Lambda::EventSourceMapping', 'AWS::Lambda::EventInvokeConfig'].includes(resource.Type),
  )) {
    const failure = invocation.DestinationConfig?.OnFailure?.Destination;
    if (failure) needs.push({ [nameOf(stack, failure)]: FAILURE_SENDS });
  }
  return union(...needs);
}

describe('table and queue grants', () => {
  const synthesized = synthesize();
  const code = new Map<VillageFunction, Grants>();

  beforeAll(async () => {
    const bundles = await Promise.all(synthesized.functions.map((village) => handlerSource(village.entry, village.handler)));
    for (const [index, village] of synthesized.functions.entries()) code.set(village, codeNeeds(bundles[index]!));
  }, 60_000);

  it('gives each function its own set of actions, on the table, its indexes, its stream or the queues', () => {
    const granted = Object.fromEntries(synthesized.functions.map((village) => [village.node.id, grantsOf(synthesized, village)]));
    expect(granted).toEqual(GRANTS);
  });

  it('grants each function exactly what its code sends: no command without its action, no action without a command', () => {
    for (const village of synthesized.functions) {
      expect(grantsOf(synthesized, village), village.node.id).toEqual(needsOf(synthesized, village, code.get(village)!));
    }
  });

  it.each([
    ['SmsSender', 'dynamodb:PutItem', 'table'],
    ['WeeklyPrices', 'sqs:SendMessage', 'fanout'],
  ])('catches a grant taken away: %s without %s', (id, removed, resource) => {
    const village = synthesized.functions.find((candidate) => candidate.node.id === id)!;
    const template = structuredClone(synthesized.template);
    for (const policy of Object.values<any>(template.Resources).filter((candidate) => candidate.Type === 'AWS::IAM::Policy')) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        statement.Action = [statement.Action].flat().filter((action: string) => action !== removed);
      }
    }
    const granted = grantsOf({ ...synthesized, template }, village);
    const action = removed.slice(removed.indexOf(':') + 1);
    expect(granted).not.toEqual(needsOf(synthesized, village, code.get(village)!));
    expect(code.get(village)![resource]).toContain(action);
    expect(granted[resource] ?? []).not.toContain(action);
  });
});
