// The three ways in, as their callers reach them over HTTP: an app's GraphQL request, Twilio's
// signed inbound-SMS webhook, an aggregator's USSD callback. Plain fetch (undici keeps connections
// alive), a timeout on every request, and no exception for a failed one: it is a result to count.
import { type DocumentNode, print } from 'graphql';
import type { TadaDocumentNode } from '../../channels/operations/graphql.js';
import { inboundSmsRequest, textOfTwiml } from '../../local/twilio-webhook-request.js';

export interface Exchange {
  ms: number;
  /** 0 when no answer came. */
  status: number;
  body: string;
  /** Why the request failed in transport or with a 5xx ('timeout', 'HTTP 502', ...); null when an answer came. */
  failure: string | null;
}

async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Exchange> {
  const started = performance.now();
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    const ms = performance.now() - started;
    return { ms, status: response.status, body: text, failure: response.status >= 500 ? `HTTP ${response.status}` : null };
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const failure =
      name === 'TimeoutError' || name === 'AbortError'
        ? 'timeout'
        : `network ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
    return { ms: performance.now() - started, status: 0, body: '', failure };
  }
}

export interface GraphqlExchange<Result> extends Exchange {
  data: Result | null;
}

/** Each document's text, printed once. */
const texts = new WeakMap<object, string>();
function textOf(document: DocumentNode): string {
  let text = texts.get(document);
  if (text === undefined) {
    text = print(document);
    texts.set(document, text);
  }
  return text;
}

/** A GraphQL request of one of the load's typed documents; a response with `errors` or without `data` counts as failed. */
export async function graphql<Result, Variables>(
  baseUrl: string,
  key: string,
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  timeoutMs: number,
): Promise<GraphqlExchange<Result>> {
  const exchange = await post(
    `${baseUrl}/graphql`,
    { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    JSON.stringify({ query: textOf(document), variables }),
    timeoutMs,
  );
  if (exchange.failure) return { ...exchange, data: null };
  let parsed: { data?: Result | null; errors?: { message?: string }[] };
  try {
    parsed = JSON.parse(exchange.body);
  } catch {
    return { ...exchange, data: null, failure: `HTTP ${exchange.status}, not JSON` };
  }
  if (parsed.errors?.length) return { ...exchange, data: null, failure: `GraphQL error: ${parsed.errors[0]?.message ?? '?'}` };
  if (!parsed.data) return { ...exchange, data: null, failure: `HTTP ${exchange.status}, no data` };
  return { ...exchange, data: parsed.data };
}

export interface SmsExchange extends Exchange {
  /** The reply's text, or null when the TwiML holds none. */
  reply: string | null;
}

/** What Twilio POSTs for an inbound SMS, signed with the twilio package's own helper. */
export async function sms(
  baseUrl: string,
  authToken: string,
  from: string,
  body: string,
  messageSid: string,
  timeoutMs: number,
): Promise<SmsExchange> {
  const request = inboundSmsRequest(baseUrl, authToken, { from, body, messageSid });
  const exchange = await post(
    request.url,
    { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': request.signature },
    request.body,
    timeoutMs,
  );
  if (!exchange.failure && exchange.status !== 200) return { ...exchange, reply: null, failure: `HTTP ${exchange.status}` };
  return { ...exchange, reply: exchange.failure ? null : textOfTwiml(exchange.body) };
}

/** One USSD hop, as the aggregator sends it: every input of the session so far joined by '*'. */
export async function ussd(
  baseUrl: string,
  key: string,
  sessionId: string,
  phoneNumber: string,
  text: string,
  timeoutMs: number,
): Promise<Exchange> {
  const exchange = await post(
    `${baseUrl}/ussd?key=${encodeURIComponent(key)}`,
    { 'content-type': 'application/x-www-form-urlencoded' },
    new URLSearchParams({ sessionId, serviceCode: '*384*7#', phoneNumber, networkCode: '63902', text }).toString(),
    timeoutMs,
  );
  if (!exchange.failure && exchange.status !== 200) return { ...exchange, failure: `HTTP ${exchange.status}` };
  return exchange;
}

/** The admin's requests of the setup and the audits: the data, or a thrown error (the harness broke, not the server under load). */
export function adminClient(baseUrl: string, key: string, timeoutMs: number) {
  return async <Result, Variables>(document: TadaDocumentNode<Result, Variables>, variables: Variables): Promise<Result> => {
    const result = await graphql(baseUrl, key, document, variables, timeoutMs);
    if (result.failure || !result.data) throw new Error(`admin request failed (${result.failure}): ${textOf(document).slice(0, 80)}`);
    return result.data;
  };
}

export type AdminClient = ReturnType<typeof adminClient>;
