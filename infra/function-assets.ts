// The functions' code as the stack deploys it: the stack synthesized as `cdk synth` synthesizes it (the
// app's context from cdk.json, every function bundled by its NodejsFunction), so that the benchmarks
// and the test that runs the bundles read the very files a deploy uploads, not a build of their own.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { VillageFunction } from './constructs/village-function.js';
import { VillageTradeStack } from './village-trade-stack.js';

const CDK_JSON = fileURLToPath(new URL('../cdk.json', import.meta.url));

export interface FunctionAsset {
  /** The entry's file name without extension (`sms` for functions/sms.ts): one asset per entry. */
  name: string;
  /** The asset's directory in the cloud assembly: index.mjs and its source map. */
  directory: string;
  /** The asset's hash, which names its object in the template (`<hash>.zip`). */
  hash: string;
  /** The stack's functions that run this asset, by construct id, with the export each runs. */
  functions: { id: string; handler: string }[];
}

/** Synthesizes the stack into `outdir` and returns each entry's asset, in the order the stack declares them. */
export function synthesizeFunctionAssets(outdir: string): FunctionAsset[] {
  const { context } = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir, context });
  const stack = new VillageTradeStack(app, 'VillageTradeStack');
  const assembly = app.synth();
  const assets = new Map<string, FunctionAsset>();
  for (const village of stack.node.findAll().filter((node) => node instanceof VillageFunction)) {
    const code = village.fn.node.findChild('Code') as Asset;
    const asset = assets.get(code.assetHash) ?? {
      name: basename(village.entry).replace(/\.ts$/, ''),
      directory: join(assembly.directory, code.assetPath),
      hash: code.assetHash,
      functions: [],
    };
    asset.functions.push({ id: village.node.id, handler: village.handler });
    assets.set(code.assetHash, asset);
  }
  return [...assets.values()];
}
