// Bundles each Lambda function as the CDK stack does (the options of infra/function-bundling.ts) and
// prints its size, gzipped size, source map size, and the largest packages in it.
import { gzipSync } from 'node:zlib';
import { bundleFunction, FUNCTIONS } from '../infra/bundle-function.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

for (const name of FUNCTIONS) {
  const bundle = await bundleFunction(name);
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(bundle.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const pkg = match ? match[1]! : '(project code)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + input.bytesInOutput);
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `${name} function: ${kb(bundle.code.length)} minified, ${kb(gzipSync(bundle.code).length)} gzipped, map ${kb(bundle.sourceMap.length)}; largest: ${largest.map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`).join(', ')}`,
  );
}
