// One handler's code, bundled with esbuild's API from the options the CDK stack bundles with, for the
// test that holds each function's table grants to what its code sends. (What deploys, the benchmarks
// and the test that runs the bundles read from the synthesized stack: function-assets.ts.)
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { functionBundling } from './function-bundling.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

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
