// The size of each Lambda function's code as the stack deploys it: the stack is synthesized as `cdk synth`
// does it, into cdk.out, and each asset's index.mjs is measured, with its gzipped size, its source map and
// the packages its bytes came from (read from the asset's own source map).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { synthesizeFunctionAssets } from '../infra/function-assets.js';
import { bytesBySource } from './source-map-bytes.js';

const CLOUD_ASSEMBLY = fileURLToPath(new URL('../cdk.out', import.meta.url));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

for (const asset of synthesizeFunctionAssets(CLOUD_ASSEMBLY)) {
  const code = readFileSync(join(asset.directory, 'index.mjs'));
  const map = readFileSync(join(asset.directory, 'index.mjs.map'));
  const byPackage = new Map<string, number>();
  for (const [source, bytes] of bytesBySource(code.toString('utf8'), JSON.parse(map.toString('utf8')))) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
    const pkg = match ? match[1]! : '(project code)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytes);
  }
  const largest = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `${asset.name} function: ${kb(code.length)} (${code.length.toLocaleString('en')} bytes) minified, ${kb(gzipSync(code).length)} gzipped, map ${kb(map.length)}; largest: ${largest.map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`).join(', ')}`,
  );
}
