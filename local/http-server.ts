import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HttpApiHandler, serveWithLambda } from './lambda-http.js';

export interface Routes {
  graphql: HttpApiHandler;
  health: () => Promise<boolean>;
}

function sendJson(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** One loopback port in front of the same Lambda handlers the cloud runs. */
export async function startHttpServer(routes: Routes, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handle = async () => {
      if (path === '/graphql') return serveWithLambda(routes.graphql, 'graphql', request, response);
      if (path === '/health' && request.method === 'GET') {
        const healthy = await routes.health();
        return sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'unavailable' });
      }
      return sendJson(response, 404, { error: `no route for ${request.method} ${path}` });
    };
    handle().catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'error', path, error: String((error as Error)?.stack ?? error) }));
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.end();
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready());
  });
  const { port: actual } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${actual}` };
}
