// Bundles a Lambda function with esbuild's API exactly as the CDK stack's NodejsFunction does with its
// CLI, from the one set of options both use: for the benchmarks, the test that runs the bundles and
// the test that holds each function's table grants to what its code sends.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { functionBundling } from './function-bundling.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every entry point the stack deploys (the sweepers are other handlers of the same bundles). */
export const FUNCTIONS = ['graphql', 'sms', 'ussd', 'notifier', 'sms-sender', 'fanout', 'mpesa-callback', 'weekly-prices'] as const;

export interface FunctionBundle {
  name: string;
  code: Uint8Array;
  sourceMap: Uint8Array;
  /** The bundle's inputs: each file and the bytes it contributes. */
  inputs: Metafile['outputs'][string]['inputs'];
}

export async function bundleFunction(name: string): Promise<FunctionBundle> {
  const { format, platform, target, minify, charset, legalComments, sourcemap, sourcesContent, mainFields, banner, external, alias } =
    functionBundling;
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, 'functions', `${name}.ts`)],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    outfile: join(PROJECT_ROOT, 'cdk.out', 'bench', name, 'index.mjs'),
    ...{ format, platform, target, minify, charset, legalComments, sourcemap, sourcesContent, banner: { js: banner } },
    mainFields: [...mainFields],
    external: [...external],
    alias: { ...alias },
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!;
  const map = result.outputFiles.find((file) => file.path.endsWith('.mjs.map'))!;
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))!;
  return { name, code: code.contents, sourceMap: map.contents, inputs: output[1].inputs };
}

/**
 * The code one handler of a function can run: its entry bundled as deployed, but with only that export
 * (so that another handler's code is left out) and unminified, each module's code under esbuild's
 * `// <path>` comment, for a test to read.
 */
export async function handlerSource(entry: string, handler: string): Promise<string> {
  const { format, platform, target, legalComments, mainFields, external, alias } = functionBundling;
  const result = await build({
    stdin: { contents: `export { ${handler} } from './${entry}';`, resolveDir: PROJECT_ROOT, loader: 'ts', sourcefile: 'handler.ts' },
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    ...{ format, platform, target, legalComments },
    mainFields: [...mainFields],
    external: [...external],
    alias: { ...alias },
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/** Writes the bundle as Lambda receives it: index.mjs beside its source map. Returns the index.mjs path. */
export async function writeBundle(bundle: FunctionBundle, directory: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'index.mjs'), bundle.code);
  await writeFile(join(directory, 'index.mjs.map'), bundle.sourceMap);
  return join(directory, 'index.mjs');
}
