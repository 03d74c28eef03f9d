import { existsSync, readdirSync, readFileSync } from 'node:fs';
import {
  type DefinitionNode,
  type DocumentNode,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.js';

const ROOT = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');

/** The project's docs: the README, the other top-level guides, channels/README.md and docs/*.md. */
const FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  'channels/README.md',
  ...readdirSync(new URL('docs/', ROOT))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const SCRIPTS = new Set(Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>));
const SHELLS = new Set(['sh', 'bash', 'shell', 'console']);

interface Fence {
  file: string;
  line: number;
  language: string;
  body: string;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

function fencesOf(file: string): Fence[] {
  const text = read(file);
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    file,
    line: lineOf(text, match.index) + 1,
    language: match[1] ?? '',
    body: match[2] ?? '',
  }));
}

const fences = FILES.flatMap(fencesOf);

/** Every script an `npm run <script>`, `npm start` or `npm test` names, in a code block or inline. */
const scriptUses = FILES.flatMap((file) => {
  const text = read(file);
  return [...text.matchAll(/\bnpm (?:run ([\w:.-]+)|(start|test)\b)/g)].map((match) => ({
    where: `${file}:${lineOf(text, match.index)}`,
    script: (match[1] ?? match[2]) as string,
  }));
});

interface Example {
  where: string;
  /** One operation, with the fragments of the document it came from. */
  document: DocumentNode;
  variables?: Record<string, unknown>;
}

/** Each operation of a document alone (a block may hold several anonymous ones), with the document's fragments. */
function examplesOf(file: string, line: number, source: string, variables?: Record<string, unknown>): Example[] {
  const definitions = parse(source).definitions;
  const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const operations = definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length === 0) throw new Error(`${file}:${line} holds GraphQL without an operation`);
  return operations.map((operation) => ({
    where: `${file}:${line + (operation.loc?.startToken.line ?? 1) - 1}`,
    document: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] as DefinitionNode[] },
    variables,
  }));
}

/** ```graphql blocks, and the documents a shell block sends: `gql KEY '...'` and curl's `-d '{"query": ...}'`. */
const examples: Example[] = fences.flatMap((fence): Example[] => {
  if (fence.language === 'graphql') return examplesOf(fence.file, fence.line, fence.body);
  if (!SHELLS.has(fence.language)) return [];
  const sent = [...fence.body.matchAll(/\bgql\s+"[^"]*"\s+'([^']*)'/g)].flatMap((match) =>
    examplesOf(fence.file, fence.line + lineOf(fence.body, match.index) - 1, match[1] as string),
  );
  const posted = [...fence.body.matchAll(/\s-d\s+'(\{[\s\S]*?\})'/g)].flatMap((match) => {
    const body = JSON.parse(match[1] as string) as { query?: string; variables?: Record<string, unknown> };
    const line = fence.line + lineOf(fence.body, match.index) - 1;
    return body.query === undefined ? [] : examplesOf(fence.file, line, body.query, body.variables ?? {});
  });
  return [...sent, ...posted];
});

/** What graphql-js finds wrong with the operation, and with the variables the example sends. */
function problemsOf({ document, variables }: Example): string[] {
  const invalid = validate(schema, document, specifiedRules).map((error) => error.message);
  if (invalid.length > 0 || !variables) return invalid;
  const operation = document.definitions[0] as OperationDefinitionNode;
  const declared = (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value);
  const unknown = Object.keys(variables)
    .filter((name) => !declared.includes(name))
    .map((name) => `variable "${name}" is not declared`);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return [...unknown, ...(coerced.errors ?? []).map((error) => error.message)];
}

describe('the README', () => {
  const readme = read('README.md');
  const lines = readme.split('\n');
  const mapStart = lines.findIndex((line) => line.startsWith('infra/ '));

  it('stays a short map: at most 10 KB, with the map of the code in its first 60 lines', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024);
    expect(mapStart).toBeGreaterThan(0);
    expect(lines.findIndex((line, i) => i > mapStart && line.startsWith('```'))).toBeLessThan(60);
  });

  it('maps only folders that exist', () => {
    const missing: string[] = [];
    let parent = '';
    for (const line of lines.slice(mapStart, lines.indexOf('```', mapStart))) {
      const [, indent, folder] = /^( *)([\w.-]+\/)/.exec(line) ?? [];
      if (!folder) continue;
      const path = indent ? `${parent}${folder}` : folder;
      if (!indent) parent = folder;
      if (!existsSync(new URL(path, ROOT))) missing.push(path);
    }
    expect(missing).toEqual([]);
  });
});

describe('the docs', () => {
  it('are found, with their examples', () => {
    expect(FILES).toContain('docs/api.md');
    expect(scriptUses.length).toBeGreaterThan(20);
    expect(examples.length).toBeGreaterThan(20);
    expect(examples.some((example) => example.variables && Object.keys(example.variables).length > 0)).toBe(true);
  });

  it('name only scripts that package.json has', () => {
    const missing = scriptUses.filter((use) => !SCRIPTS.has(use.script)).map((use) => `${use.where}: npm run ${use.script}`);
    expect(missing).toEqual([]);
  });

  it('name only test files that exist in their commands', () => {
    const named = fences
      .filter((fence) => SHELLS.has(fence.language))
      .flatMap((fence) => [...fence.body.matchAll(/\btests\/[\w/.-]+\.test\.ts\b/g)].map((match) => match[0]));
    expect(named.filter((path) => !existsSync(new URL(path, ROOT)))).toEqual([]);
  });

  it.each(examples.map((example) => [example.where, example] as const))(
    '%s: the GraphQL is valid against the schema',
    (_where, example) => {
      expect(problemsOf(example)).toEqual([]);
    },
  );
});
