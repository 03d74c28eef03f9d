import { createHash, createHmac } from 'node:crypto';

/**
 * The webhook-id of an event for an app: drawn from the app, the order and the event's sequence, so
 * that a repeat of the stream's record, a retry and a redelivery all carry the same id.
 */
export function webhookId(clientId: string, orderCode: string, sequence: number): string {
  return `msg_${createHash('sha256').update(`${clientId}\n${orderCode}\n${sequence}`).digest('base64url').slice(0, 27)}`;
}

/**
 * The webhook-signature header (Standard Webhooks): `v1,` and the base64 HMAC-SHA256 of
 * `id.timestamp.body` under each secret (the bytes after `whsec_`), space-separated.
 */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    })
    .join(' ');
}
