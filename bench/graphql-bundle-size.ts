// Bundles the GraphQL function as the CDK stack does (esbuild, ESM, minified, node22) and prints
// its size, gzipped size, and the largest packages in it.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['functions/graphql.ts'],
  bundle: true,
  write: false,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  metafile: true,
  outfile: 'graphql.mjs',
});

const code = result.outputFiles[0]!.contents;
const byPackage = new Map<string, number>();
for (const [path, input] of Object.entries(result.metafile.outputs['graphql.mjs']!.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  const name = match ? match[1]! : '(project code)';
  byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`GraphQL function bundle: ${kb(code.length)} minified, ${kb(gzipSync(code).length)} gzipped`);
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  console.log(`  ${name.padEnd(32)} ${kb(bytes).padStart(8)}`);
}
