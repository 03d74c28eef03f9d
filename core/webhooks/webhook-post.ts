import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { isPublicAddress } from '../apps/index.js';

/** What one POST found: the endpoint's status and Retry-After, or why there was none. */
export type PostResult =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'error'; error: 'timeout' | 'network' | 'address' };

export type WebhookPost = (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;

/** An endpoint has this long to answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

class NotPublicError extends Error {}

/**
 * Resolves as the system does, and refuses a host with an address that is not public: checked where
 * the connection is made, so a name re-pointed after registration (DNS rebinding) reaches nothing.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    const list = addresses as unknown as LookupAddress[];
    if (error) return callback(error, '', 4);
    if (list.length === 0 || !list.every((entry) => isPublicAddress(entry.address))) {
      return callback(new NotPublicError(`${hostname} resolves to an address that is not public`), '', 4);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * POSTs a webhook with a timeout. In the cloud (`isLocal` false) only public addresses are reached;
 * the response's body is not read beyond what the connection already holds.
 */
export function webhookPost(isLocal: boolean, timeoutMs = WEBHOOK_TIMEOUT_MS): WebhookPost {
  return (url, headers, body) =>
    new Promise((resolve) => {
      const target = new URL(url);
      const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
      if (!isLocal && isIP(host) && !isPublicAddress(host)) return resolve({ kind: 'error', error: 'address' });
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          ...(isLocal ? {} : { lookup: publicOnlyLookup }),
        },
        (response) => {
          clearTimeout(deadline);
          response.resume();
          const retryAfter = response.headers['retry-after'];
          resolve({ kind: 'response', status: response.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        },
      );
      // The whole exchange, connection included, within the deadline: not only a quiet socket.
      const deadline = setTimeout(() => {
        resolve({ kind: 'error', error: 'timeout' });
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => {
        clearTimeout(deadline);
        resolve({ kind: 'error', error: error instanceof NotPublicError ? 'address' : 'network' });
      });
      request.end(body);
    });
}
