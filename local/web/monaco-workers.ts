// Monaco runs its language services in web workers; ours are bundled with the page and served
// from this server (see local/web-assets.ts), never fetched from a CDN.
const WORKERS: Record<string, string> = { json: 'json.worker.js', graphql: 'graphql.worker.js' };

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => new Worker(`/assets/${WORKERS[label] ?? 'editor.worker.js'}`, { type: 'module' }),
};
