import type { Scope } from './scopes.js';

export const APP_STATUSES = ['ACTIVE', 'DISABLED'] as const;
export type AppStatus = (typeof APP_STATUSES)[number];

/** A third-party app registered by an administrator: an OAuth 2.0 client. */
export interface App {
  clientId: string;
  name: string;
  /** The scopes it may ask a phone for (and, of them, the public one for its own token). */
  scopes: Scope[];
  status: AppStatus;
  /** SHA-256 of its client_secret: the secret itself is shown once, when it is made. */
  secretHash: string;
  /** Its request budget per minute over the GraphQL API. */
  requestsPerMinute: number;
  /** Where its webhooks go, and which events, or null for none. */
  webhook: { url: string; events: string[] } | null;
  /** The secrets its webhooks are signed with, readable (a signature needs them): webhook-secrets.ts. */
  webhookSecrets: WebhookSecret[];
  /** When its endpoint answered 410 Gone: nothing is sent to it until an administrator sets a webhook again. */
  webhookDisabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a phone lets an app do: granted by consent, taken back by the phone (REVOKE) or on a refresh token's reuse. */
export interface Grant {
  phone: string;
  clientId: string;
  appName: string;
  scopes: Scope[];
  status: 'ACTIVE' | 'REVOKED';
  /** Counts the grant's writes: each is conditional on the version it read. */
  version: number;
  /** The hashes of the grant's live tokens: revoking the grant deletes them, so that they stop at once. */
  accessHash: string | null;
  refreshHash: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An OAuth token as the table keeps it, under the hash of its value. */
export interface TokenRecord {
  kind: 'ACCESS' | 'REFRESH';
  clientId: string;
  /** The phone the app acts for, or null for the app's own token (client credentials). */
  phone: string | null;
  scopes: Scope[];
  createdAt: string;
  /** Epoch seconds: the token's end, and when DynamoDB may delete its item. */
  expiresAt: number;
  /** A refresh token once exchanged: presented again, it revokes its grant. */
  usedAt: string | null;
}

/** A backchannel (CIBA) consent request, under the hash of its auth_req_id. */
export interface ConsentRequest {
  /** SHA-256 of its auth_req_id: its key, and the salt of its code's hash. */
  requestHash: string;
  clientId: string;
  appName: string;
  phone: string;
  scopes: Scope[];
  bindingMessage: string | null;
  /** SHA-256 of the request's hash and the code the phone is sent: the code itself is never kept. */
  codeHash: string;
  status: 'PENDING' | 'ALLOWED' | 'DENIED' | 'ENDED' | 'ISSUED';
  wrongCodes: number;
  /** The app polls no faster than this; each poll that comes too soon adds 5 seconds (CIBA §11). */
  intervalSeconds: number;
  lastPolledAt: string | null;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** The consent SMS to send: the code in the clear, beside its request only until the SMS is sent. */
export interface ConsentNotice {
  requestHash: string;
  phone: string;
  appName: string;
  scopes: Scope[];
  bindingMessage: string | null;
  code: string;
  /** Epoch seconds: when the request ends. */
  expiresAt: number;
}

/**
 * A secret an app's webhooks are signed with (Standard Webhooks: `whsec_` and 32 random bytes in
 * base64). Kept readable, unlike a client secret: every delivery signs with it.
 */
export interface WebhookSecret {
  secret: string;
  createdAt: string;
  /** When it stops signing: set by a rotation, an overlap after it; null while it is the newest. */
  retiresAt: string | null;
}
