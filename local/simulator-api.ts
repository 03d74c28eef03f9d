import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SegmentedMessage } from 'sms-segments-calculator';
import { SCREEN_LIMIT } from '../channels/ussd/ussd-screen.js';
import { normalizePhone } from '../core/common/index.js';
import type { DarajaStandIn } from './daraja-stand-in.js';
import type { DemoApp } from './demo-app.js';
import { readBody } from './lambda-http.js';
import type { SmsNetwork } from './sms-network.js';
import { inboundSmsRequest, textOfTwiml } from './twilio-webhook-request.js';

export interface SimulatorSettings {
  /** This server on loopback, where the simulator's requests go. */
  serverUrl: string;
  /** The base URL Twilio signs: the webhook checks signatures against it. */
  publicUrl: string;
  twilioAuthToken: string;
  ussdApiKey: string;
  /** Null when notifications go through Twilio to real phones. */
  smsNetwork: SmsNetwork | null;
  /** Null when mobile money runs against a real Daraja, or not at all. */
  daraja: DarajaStandIn | null;
  /** The demo app's credentials, for `npm run example-app`. */
  demoApp: DemoApp;
}

class BadRequest extends Error {}

/** The phone in E.164, as Twilio and the aggregator send it. */
function phoneOf(value: unknown): string {
  const phone = typeof value === 'string' ? normalizePhone(value) : null;
  if (!phone) throw new BadRequest('phone: a phone number with its country code, e.g. +255754100010');
  return phone;
}

function textOf(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new BadRequest(`${name}: a string`);
  return value;
}

/** A JSON body; a form of another site cannot send one without the browser asking this server first (CORS). */
async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (!request.headers['content-type']?.startsWith('application/json')) throw new BadRequest('send JSON (content-type: application/json)');
  const raw = await readBody(request);
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new BadRequest('the body is not JSON');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** What a text costs on the network: its encoding and how many segments it takes. */
function measured(text: string) {
  const message = new SegmentedMessage(text);
  return { text, encoding: message.encodingName, segments: message.segmentsCount };
}

/** An inbound SMS, signed here with the auth token as Twilio would sign it, through the real webhook. */
async function sendSms(settings: SimulatorSettings, phone: string, text: string) {
  const signed = inboundSmsRequest(settings.publicUrl, settings.twilioAuthToken, {
    from: phone,
    body: text,
    messageSid: `SM${randomUUID().replace(/-/g, '')}`,
  });
  const response = await fetch(`${settings.serverUrl}/sms/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed.signature },
    body: signed.body,
  });
  if (!response.ok) throw new Error(`the SMS webhook answered HTTP ${response.status}`);
  const reply = textOfTwiml(await response.text());
  return { reply: reply === null ? null : measured(reply) };
}

/** One hop of a USSD session, posted as the aggregator posts it, with the callback's key: the screen, its length, and whether it ends the session. */
async function ussdHop(settings: SimulatorSettings, hop: { phone: string; serviceCode: string; sessionId: string; text: string }) {
  const response = await fetch(`${settings.serverUrl}/ussd?key=${encodeURIComponent(settings.ussdApiKey)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...hop, phoneNumber: hop.phone, networkCode: '63902' }).toString(),
  });
  if (!response.ok) throw new Error(`the USSD callback answered HTTP ${response.status}`);
  const reply = await response.text();
  const screen = reply.replace(/^(CON|END) /, '');
  return { screen, ended: reply.startsWith('END'), length: [...screen].length, limit: SCREEN_LIMIT };
}

/**
 * The endpoints the simulator page calls (local only, never deployed): it cannot sign a Twilio
 * request or hold the USSD key itself, so it asks this server, which calls the real webhooks.
 * True when the path was one of them.
 */
export function simulatorApi(settings: SimulatorSettings) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    const route = `${request.method} ${url.pathname}`;
    const endpoints: Record<string, () => Promise<unknown>> = {
      'POST /simulator/sms': async () => {
        const body = await jsonBody(request);
        return sendSms(settings, phoneOf(body.phone), textOf(body.text, 'text'));
      },
      'POST /simulator/ussd': async () => {
        const body = await jsonBody(request);
        const serviceCode = textOf(body.serviceCode, 'serviceCode');
        if (!/^\*\d+#$/.test(serviceCode)) throw new BadRequest('serviceCode: *<digits>#, e.g. *384#');
        return ussdHop(settings, {
          phone: phoneOf(body.phone),
          serviceCode,
          sessionId: textOf(body.sessionId, 'sessionId'),
          text: textOf(body.text, 'text'),
        });
      },
      'GET /simulator/demo-app': async () => settings.demoApp,
      'GET /simulator/inbox': async () => {
        const phone = phoneOf(url.searchParams.get('phone'));
        const since = url.searchParams.get('since') ?? '';
        const received = settings.smsNetwork?.receivedBy(phone) ?? [];
        return {
          notifications: received
            .filter((sms) => sms.receivedAt >= since)
            .map((sms) => ({ id: sms.sid, receivedAt: sms.receivedAt, ...measured(sms.body) })),
          payments: settings.daraja?.promptsFor(phone) ?? [],
        };
      },
      'POST /simulator/payments': async () => {
        const body = await jsonBody(request);
        const answer = body.answer;
        if (answer !== 'accept' && answer !== 'decline' && answer !== 'ignore') throw new BadRequest('answer: accept, decline or ignore');
        if (!settings.daraja) throw new BadRequest('mobile money runs against Daraja itself here, not the local stand-in');
        return { answered: await settings.daraja.answer(textOf(body.checkoutRequestId, 'checkoutRequestId'), answer) };
      },
    };
    const endpoint = endpoints[route];
    if (!endpoint) return false;
    try {
      sendJson(response, 200, await endpoint());
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      sendJson(response, 400, { error: error.message });
    }
    return true;
  };
}
