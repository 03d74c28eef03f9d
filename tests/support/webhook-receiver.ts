import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { partnerLookup } from '../../channels/sms/notices-of-change.js';
import { webhooksOfChange } from '../../channels/webhooks/webhooks-of-change.js';
import type { Store } from '../../core/db/store.js';
import { deliverWebhook, type SenderDeps } from '../../core/webhooks/delivery-service.js';
import type { WebhookMessage } from '../../core/webhooks/webhook-delivery.js';
import { webhookPost } from '../../core/webhooks/webhook-post.js';
import { openStreamReader, type StreamReader } from '../../local/stream-reader.js';

/** One request the receiver got. */
export interface Received {
  headers: Record<string, string>;
  body: string;
  /** What it answered: a status, or 'hang' (no answer until the sender gives up). */
  answer: number | 'hang';
}

/** What the receiver answers a request: a status (with headers), or no answer at all. */
export type Answer = number | 'hang' | { status: number; headers: Record<string, string> };

/** A webhook endpoint on 127.0.0.1 that keeps every request and answers as `answer` says. */
export async function startReceiver(answer: (request: Omit<Received, 'answer'>, seen: number) => Answer) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const got = { headers, body: Buffer.concat(chunks).toString('utf8') };
      const seen = received.filter((entry) => entry.headers['webhook-id'] === headers['webhook-id']).length;
      const decided = answer(got, seen);
      const status = typeof decided === 'object' ? decided.status : decided;
      received.push({ ...got, answer: status });
      if (status === 'hang') {
        hanging.push(response);
        return;
      }
      response.writeHead(status, typeof decided === 'object' ? decided.headers : {}).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    },
  };
}

const pause = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/**
 * The notifier and the webhook sender for a test's table: the stream's new records worked out into
 * webhook messages, each attempted as the sender does, a retry held back for its delay, until none
 * is left. The queue is in memory; the clock, the HTTP client and the store are the real ones.
 */
export async function webhookPump(store: Store, options: { schedule: number[]; timeoutMs: number }) {
  const reader: StreamReader = await openStreamReader(store, inject('dynamoEndpoint'), 'us-east-1');
  const queue: { message: WebhookMessage; visibleAt: number }[] = [];
  const deps: SenderDeps = {
    store,
    post: webhookPost(true, options.timeoutMs),
    now: () => new Date(),
    schedule: options.schedule,
    requeue: async (message, delaySeconds) => {
      queue.push({ message, visibleAt: Date.now() + delaySeconds * 1000 });
    },
  };
  const readStream = async () => {
    const partnerOf = partnerLookup(store);
    for (let batches = await reader.read(); batches.length > 0; batches = await reader.read()) {
      for (const { records } of batches) {
        for (const record of records) {
          for (const message of await webhooksOfChange(record, store, partnerOf)) queue.push({ message, visibleAt: Date.now() });
        }
      }
    }
  };
  return {
    queue,
    deps,
    /** Reads the stream and delivers until the queue is empty; returns every message queued by the stream. */
    async run(): Promise<void> {
      await readStream();
      while (queue.length > 0) {
        queue.sort((a, b) => a.visibleAt - b.visibleAt);
        const wait = queue[0]!.visibleAt - Date.now();
        if (wait > 0) await pause(wait);
        const { message } = queue.shift()!;
        await deliverWebhook(deps, message);
        await readStream();
      }
    },
    close: () => reader.close(),
  };
}
