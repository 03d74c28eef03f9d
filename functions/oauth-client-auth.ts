import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The client's credentials as presented: HTTP Basic (client_secret_basic) or form fields (client_secret_post). */
export type PresentedClient = { clientId: string; secret: string; method: 'basic' | 'post' } | { problem: string };

/** RFC 6749 §2.3.1: Basic's user and password are each form-urlencoded before base64. */
function fromBasic(header: string): PresentedClient {
  const decoded = Buffer.from(header.slice('basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { problem: 'malformed Basic credentials' };
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  try {
    return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)), method: 'basic' };
  } catch {
    return { problem: 'malformed Basic credentials' };
  }
}

/** Exactly one way of authenticating, as RFC 6749 §2.3 requires. */
export function presentedClient(event: APIGatewayProxyEventV2, form: URLSearchParams): PresentedClient {
  const header = event.headers.authorization ?? event.headers.Authorization;
  const posted = form.has('client_secret');
  if (header?.toLowerCase().startsWith('basic ')) {
    return posted ? { problem: 'use one way of client authentication, not two' } : fromBasic(header);
  }
  if (posted) return { clientId: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '', method: 'post' };
  return { problem: 'client authentication is required (client_secret_basic or client_secret_post)' };
}
