// Each function's role allows exactly what the function does with the table. The table below is the
// grant each function gets, read from the synthesized template; and each function's code, bundled as
// deployed (only the handler the function runs, unminified), is read for the DynamoDB commands it
// sends, the items of its transactions and the lists it queries: a command without its grant fails,
// and so does a grant no code uses.
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ListKey, listKeys } from '../../core/db/index.js';
import { handlerSource } from '../../infra/bundle-function.js';
import { VillageFunction } from '../../infra/constructs/village-function.js';
import { VillageTradeStack } from '../../infra/village-trade-stack.js';

/** A function's DynamoDB actions (without the `dynamodb:` prefix), by what they are allowed on. */
type Grants = Record<string, string[]>;

const CHANNEL = ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'];
/** What the stream's event source mapping reads with the function's role. */
const STREAM_READS = ['DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'];

const GRANTS: Record<string, Grants> = {
  Graphql: { table: CHANNEL, index: ['Query'] },
  Sms: { table: CHANNEL, index: ['Query'] },
  Ussd: { table: CHANNEL, index: ['Query'] },
  OutboxSender: { table: ['GetItem', 'UpdateItem'], stream: STREAM_READS },
  OutboxSweeper: { table: ['GetItem', 'Query', 'UpdateItem'], index: ['Query'] },
  MpesaCallback: { table: ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem'] },
  MobileMoneySweeper: { table: CHANNEL },
  WeeklyPrices: { table: ['PutItem', 'Query'] },
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

const DYNAMODB_PACKAGES = /node_modules\/@aws-sdk\/(lib|client)-dynamodb\//;

/** The bundle's modules: esbuild puts each one's code under a `// <path>` comment. */
function modules(bundle: string): { path: string; code: string }[] {
  const parts = bundle.split(/^\/\/ (\S+)$/m);
  return Array.from({ length: (parts.length - 1) / 2 }, (_, index) => ({ path: parts[2 * index + 1]!, code: parts[2 * index + 2]! }));
}

/** What the code of a bundle needs of the table: each command it sends, each kind of transaction item it writes, each list it queries. */
function codeNeeds(bundle: string): Grants {
  const all = modules(bundle);
  // Commands are the classes the DynamoDB packages define (under the names esbuild gave them), sent by any other code.
  const commands = new Map(
    all
      .filter((module) => DYNAMODB_PACKAGES.test(module.path))
      .flatMap((module) => [...module.code.matchAll(/\b(?:var|let|const|class) (\w+Command)(\d*)\b/g)])
      .map(([, name, suffix]) => [`${name}${suffix}`, name!]),
  );
  const callers = all.filter((module) => !DYNAMODB_PACKAGES.test(module.path)).map((module) => module.code);
  const ours = all.filter((module) => !module.path.includes('node_modules/')).map((module) => module.code);
  const sent = new Set(
    callers.flatMap((code) => [...code.matchAll(/\bnew (\w+)\(/g)].map(([, name]) => name!)).filter((name) => commands.has(name)),
  );
  const actions = new Set<string>();
  for (const command of [...sent].map((name) => commands.get(name)!)) {
    expect(COMMAND_ACTIONS, `the actions of ${command}`).toHaveProperty(command);
    for (const action of COMMAND_ACTIONS[command]!) actions.add(action);
    if (/^Transact(Write|WriteItems)Command$/.test(command)) {
      for (const [, item] of ours.flatMap((code) => [...code.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:/g)])) {
        actions.add(TRANSACTION_ITEMS[item!]!);
      }
    }
  }
  const needs: Grants = { table: [...actions].sort() };
  // Only Query reads an index here, and a query's index is its list key's (core/db/keys.ts).
  const lists = [...new Set(ours.flatMap((code) => [...code.matchAll(/\blistKeys\d*\.(\w+)\(/g)].map(([, name]) => name!)))];
  if (actions.has('Query')) expect(lists, 'the lists a function that queries reads').not.toEqual([]);
  const listKey = (name: string) => (listKeys as Record<string, (...args: unknown[]) => ListKey>)[name]!('any', 0, 'any');
  if (lists.some((name) => listKey(name).index)) needs.index = ['Query'];
  return needs;
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

/** The DynamoDB actions the template grants a function's role, by resource: the table, its indexes, its stream. */
function grantsOf({ template, stack }: Synthesized, village: VillageFunction): Grants {
  const table = logicalId(stack.node.findChild('Table'));
  const resourceNames: Record<string, string> = {
    [JSON.stringify({ 'Fn::GetAtt': [table, 'Arn'] })]: 'table',
    [JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/*']] })]: 'index',
    [JSON.stringify({ 'Fn::GetAtt': [table, 'StreamArn'] })]: 'stream',
  };
  const role = logicalId(village.fn.role!);
  const grants = new Map<string, Set<string>>();
  const statements = Object.values<any>(template.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && resource.Properties.Roles.some((name: any) => name.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  for (const statement of statements) {
    for (const action of [statement.Action].flat().filter((name: string) => name.startsWith('dynamodb:'))) {
      for (const resource of [statement.Resource].flat()) {
        const name = resourceNames[JSON.stringify(resource)] ?? JSON.stringify(resource);
        grants.set(name, (grants.get(name) ?? new Set()).add(action.slice('dynamodb:'.length)));
      }
    }
  }
  return Object.fromEntries([...grants].map(([name, actions]) => [name, [...actions].sort()]));
}

/** What a function needs: what its code sends, and the stream's reads when the stream invokes it. */
function needsOf({ template, stack }: Synthesized, village: VillageFunction, code: Grants): Grants {
  const table = logicalId(stack.node.findChild('Table'));
  const fromStream = Object.values<any>(template.Resources).some(
    (resource) =>
      resource.Type === 'AWS::Lambda::EventSourceMapping' &&
      resource.Properties.FunctionName.Ref === logicalId(village.fn) &&
      JSON.stringify(resource.Properties.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': [table, 'StreamArn'] }),
  );
  return fromStream ? { ...code, stream: STREAM_READS } : code;
}

describe('table grants', () => {
  const synthesized = synthesize();
  const code = new Map<VillageFunction, Grants>();

  beforeAll(async () => {
    const bundles = await Promise.all(synthesized.functions.map((village) => handlerSource(village.entry, village.handler)));
    for (const [index, village] of synthesized.functions.entries()) code.set(village, codeNeeds(bundles[index]!));
  }, 60_000);

  it('gives each function its own set of table actions, on the table, its indexes or its stream', () => {
    const granted = Object.fromEntries(synthesized.functions.map((village) => [village.node.id, grantsOf(synthesized, village)]));
    expect(granted).toEqual(GRANTS);
  });

  it('grants each function exactly what its code sends: no command without its action, no action without a command', () => {
    for (const village of synthesized.functions) {
      expect(grantsOf(synthesized, village), village.node.id).toEqual(needsOf(synthesized, village, code.get(village)!));
    }
  });

  it('catches a grant taken away', () => {
    const sender = synthesized.functions.find((village) => village.node.id === 'OutboxSender')!;
    const template = structuredClone(synthesized.template);
    for (const resource of Object.values<any>(template.Resources).filter((resource) => resource.Type === 'AWS::IAM::Policy')) {
      for (const statement of resource.Properties.PolicyDocument.Statement) {
        statement.Action = [statement.Action].flat().filter((action: string) => action !== 'dynamodb:UpdateItem');
      }
    }
    const granted = grantsOf({ ...synthesized, template }, sender);
    expect(granted).not.toEqual(needsOf(synthesized, sender, code.get(sender)!));
    expect(code.get(sender)!.table).toContain('UpdateItem');
    expect(granted.table).not.toContain('UpdateItem');
  });
});
