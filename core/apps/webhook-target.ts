import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { InvalidInputError } from '../common/index.js';

export const WEBHOOK_EVENTS = ['order.created', 'order.updated'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookInput {
  url: string;
  events: string[];
}

/**
 * Where an app's webhooks may go: an https URL in the cloud; locally also http on the loopback
 * address, for tests and the simulator. A host written as an address must be a public one in the
 * cloud; a name is resolved by `checkWebhookHost`, at registration and again at every delivery.
 */
export function checkWebhook(input: WebhookInput, isLocal: boolean): { url: string; events: string[] } | InvalidInputError {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return new InvalidInputError('webhook.url', 'is not a URL');
  }
  const loopback = isLocal && url.protocol === 'http:' && url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !loopback) return new InvalidInputError('webhook.url', 'must be an https URL');
  const literal = hostAddress(url);
  if (!loopback && ((literal && !isPublicAddress(literal)) || url.hostname === 'localhost' || url.hostname.endsWith('.localhost'))) {
    return new InvalidInputError('webhook.url', 'must reach a public address');
  }
  const events = [...new Set(input.events)];
  if (events.length === 0 || !events.every((event) => (WEBHOOK_EVENTS as readonly string[]).includes(event))) {
    return new InvalidInputError('webhook.events', `must be one or more of ${WEBHOOK_EVENTS.join(', ')}`);
  }
  return { url: url.toString(), events };
}

/** The address a URL's host is written as (IPv6 without its brackets), or null for a name. */
function hostAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

// Addresses no webhook may reach from the cloud: private, shared, loopback, link-local (the instance
// metadata service among them), documentation, benchmarking, multicast and reserved ranges.
const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is reachable on the public internet (an IPv4-mapped IPv6 address as its IPv4 one). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const family = isIP(mapped ?? address);
  if (family === 0) return false;
  return !notPublic.check(mapped ?? address, family === 4 ? 'ipv4' : 'ipv6');
}

export type AddressLookup = (hostname: string) => Promise<{ address: string }[]>;

const resolveAll: AddressLookup = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * In the cloud, every address a webhook URL's host resolves to must be public: a name that points
 * inside our network is refused. Locally anything `checkWebhook` let through is fine.
 */
export async function checkWebhookHost(
  url: string,
  isLocal: boolean,
  resolve: AddressLookup = resolveAll,
): Promise<InvalidInputError | null> {
  if (isLocal) return null;
  const parsed = new URL(url);
  const literal = hostAddress(parsed);
  let addresses: string[];
  try {
    addresses = literal ? [literal] : (await resolve(parsed.hostname)).map((entry) => entry.address);
  } catch {
    return new InvalidInputError('webhook.url', 'names a host that does not resolve');
  }
  return addresses.length > 0 && addresses.every(isPublicAddress)
    ? null
    : new InvalidInputError('webhook.url', 'must reach a public address');
}
