import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The pages' scripts and styles, and the workers Monaco (GraphiQL's editor) runs, by file name. */
const ENTRY_POINTS = {
  graphiql: here('web/graphiql-app.tsx'),
  simulator: here('web/simulator-app.tsx'),
  'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
  'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
};

export interface WebAsset {
  contentType: string;
  body: Uint8Array;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Bundles the browser code from node_modules and local/web/, in memory: every byte the pages load comes from this server. */
async function bundle(): Promise<Map<string, WebAsset>> {
  const result = await build({
    entryPoints: ENTRY_POINTS,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: 'assets',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Monaco's icon font, inlined into the stylesheet.
    loader: { '.ttf': 'dataurl' },
    logLevel: 'silent',
  });
  const assets = new Map<string, WebAsset>();
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    assets.set(name, { contentType: CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream', body: file.contents });
  }
  return assets;
}

let built: Promise<Map<string, WebAsset>> | null = null;

/** The bundled assets, built on first use (a few seconds) so that a start that serves no page pays nothing. */
export function webAssets(): Promise<Map<string, WebAsset>> {
  built ??= bundle().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}
