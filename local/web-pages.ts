import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_CONFIG_ID, type PageConfig } from './web/page-config.js';
import { webAssets } from './web-assets.js';

/** JSON inside a <script> element: '<' escaped, so that no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function page(title: string, script: string, config: PageConfig): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/${script}.css">
<script id="${PAGE_CONFIG_ID}" type="application/json">${scriptJson(config)}</script>
<script type="module" src="/assets/${script}.js"></script>
</head>
<body><div id="root"></div></body>
</html>
`;
}

const PAGES: Record<string, { title: string; script: string }> = {
  '/simulator': { title: 'Village Trade phone simulator', script: 'simulator' },
  '/graphql': { title: 'Village Trade GraphiQL', script: 'graphiql' },
};

/**
 * The phone simulator at /simulator, GraphiQL at GET /graphql when a browser asks for a page
 * (POST /graphql and other GETs still reach the GraphQL function), and their bundled assets.
 * True when the request was one of them.
 */
export function webPages(pageConfig: Omit<PageConfig, 'renderedAt'>) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (request.method !== 'GET') return false;
    const known = PAGES[url.pathname];
    if (known && (url.pathname !== '/graphql' || request.headers.accept?.includes('text/html'))) {
      // The pages hold every demo key: no other site may frame them.
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "frame-ancestors 'none'",
        'x-frame-options': 'DENY',
      });
      response.end(page(known.title, known.script, { ...pageConfig, renderedAt: new Date().toISOString() }));
      return true;
    }
    if (!url.pathname.startsWith('/assets/')) return false;
    const asset = (await webAssets()).get(url.pathname.slice('/assets/'.length));
    if (!asset) return false;
    response.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length });
    response.end(asset.body);
    return true;
  };
}
