import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Long bodies hide what a module does: each folder keeps its functions (constructors and arrow
// functions included, counted from their first line to their last) within a number of lines.
const LIMITS = { infra: 80, 'channels/sms': 40, core: 60 } as const;
const root = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(root, file).startsWith('infra/bundle-substitutes/'));
}

function nameOf(node: ts.SignatureDeclaration, file: ts.SourceFile): string {
  if (node.name) return node.name.getText(file);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(file);
  return ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)';
}

/** Every function of the file longer than `limit` lines, as "path:line name (n lines)". */
function longFunctions(path: string, source: string, limit: number): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const lines = file.getLineAndCharacterOfPosition(node.end).line - first + 1;
      if (lines > limit) found.push(`${path}:${first + 1} ${nameOf(node, file)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('function length', () => {
  it('measures a function from its first line to its last', () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const source = `export function long() {\n${body}\n}\nconst short = () => 1;\n`;
    expect(longFunctions('x.ts', source, 6)).toEqual(['x.ts:1 long (7 lines)']);
    expect(longFunctions('x.ts', source, 7)).toEqual([]);
  });

  for (const [folder, limit] of Object.entries(LIMITS)) {
    it(`keeps every function in ${folder}/ within ${limit} lines`, () => {
      const long = sourceFiles(join(root, folder)).flatMap((file) =>
        longFunctions(relative(root, file), readFileSync(file, 'utf8'), limit),
      );
      expect(long).toEqual([]);
    });
  }
});
