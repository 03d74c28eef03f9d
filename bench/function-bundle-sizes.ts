// Bundles each Lambda function as the CDK stack does (esbuild, ESM, minified, node22) and prints
// its size, gzipped size, and the largest packages in it.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const FUNCTIONS = ['graphql', 'sms', 'ussd', 'outbox-sender'];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

for (const name of FUNCTIONS) {
  const result = await build({
    entryPoints: [`functions/${name}.ts`],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    metafile: true,
    outfile: `${name}.mjs`,
  });
  const code = result.outputFiles[0]!.contents;
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(result.metafile.outputs[`${name}.mjs`]!.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const pkg = match ? match[1]! : '(project code)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `${name} function: ${kb(code.length)} minified, ${kb(gzipSync(code).length)} gzipped; largest: ${largest.map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`).join(', ')}`,
  );
}
