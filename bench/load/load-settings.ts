// What the load test does, and how much: the settings of a run (from LOAD_* for `npm run load`), and the fixed mix.
import { randomBytes, randomUUID } from 'node:crypto';

/** How long and how hard a run is. */
export interface LoadSettings {
  /** The measured load runs this long after the last client has started. */
  seconds: number;
  /** Clients start one by one over this many seconds (0: all at once). */
  rampSeconds: number;
  /** Before that, a tenth of the clients warm the server and DynamoDB Local up (JIT) for this long, not counted (0: none). */
  warmupSeconds: number;
  clients: number;
  /** How long one request may take during the load. */
  timeoutMs: number;
  /** Keeps the server's log in this file. */
  serverLogFile: string | null;
  /** Subscribers of the weekly-prices broadcast sent beside the load (0: none). */
  broadcast: number;
  /** The SMS provider's rate the server's senders keep to, in total (its SMS_MAX_PER_SECOND). */
  smsPerSecond: number;
}

function setting(env: NodeJS.ProcessEnv, name: string, fallback: number, least = Number.MIN_VALUE): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!(value >= least)) throw new Error(`${name} must be a number of at least ${least}, not ${raw}`);
  return value;
}

/**
 * `npm run load`'s settings: LOAD_SECONDS (60), LOAD_RAMP_SECONDS (5), LOAD_WARMUP_SECONDS (10), LOAD_CLIENTS (200),
 * LOAD_TIMEOUT_MS (15,000), LOAD_SERVER_LOG, LOAD_BROADCAST (5,000 subscribers), LOAD_SMS_PER_SECOND (200).
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv): LoadSettings {
  return {
    seconds: setting(env, 'LOAD_SECONDS', 60),
    rampSeconds: setting(env, 'LOAD_RAMP_SECONDS', 5, 0),
    warmupSeconds: setting(env, 'LOAD_WARMUP_SECONDS', 10, 0),
    clients: Math.round(setting(env, 'LOAD_CLIENTS', 200)),
    timeoutMs: setting(env, 'LOAD_TIMEOUT_MS', 15_000),
    serverLogFile: env.LOAD_SERVER_LOG || null,
    broadcast: Math.round(setting(env, 'LOAD_BROADCAST', 5_000, 0)),
    smsPerSecond: setting(env, 'LOAD_SMS_PER_SECOND', 200, 1),
  };
}

/** The server's secrets for this run: the load signs webhooks and calls the admin API with them. */
export const SECRETS = {
  twilioToken: `load-${randomUUID()}`,
  ussdKey: `load-${randomUUID()}`,
  adminKey: `vt_load_admin_${randomBytes(12).toString('base64url')}`,
};

/** What each client's turn is, by weight: a USSD journey is 8 requests, the rest one or a few. */
export const MIX = { graphqlOrder: 30, graphqlSearch: 20, sms: 30, ussd: 20 };
export const SMS_COMMANDS = { ORDER: 50, FIND: 30, STATUS: 20 };
/** A new phone after this many commands: the SMS rate limit is 30 per phone in 10 minutes. */
export const SMS_PER_PHONE = 25;
/** How often an order is sent again after its answer (RETRY), or twice at once (RACE), and how often one is cancelled. */
export const CHANCE = { graphqlRetry: 0.1, graphqlRace: 0.05, cancel: 0.03, smsRetry: 0.05, smsRace: 0.02, ussdRetry: 0.05 };
export const PROGRESS_SECONDS = 10;
/** Retries with the same key after a timeout or a 5xx, as a client that never heard back would. */
export const FAULT_RETRIES = 2;
/** How long a repeat after the load, or an admin request of the setup and the audits, may take. */
export const PATIENT_TIMEOUT_MS = 120_000;
