// The simulator page's calls to the local server's /simulator endpoints (local/simulator-api.ts).

/** A text the phone received, with what it costs on the network. */
export interface Sms {
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

export interface Notification extends Sms {
  id: string;
  receivedAt: string;
}

export interface UssdScreen {
  screen: string;
  /** END: the session is over. */
  ended: boolean;
  /** Characters, out of the limit. */
  length: number;
  limit: number;
}

export interface PaymentPrompt {
  checkoutRequestId: string;
  /** In whole units of the currency, as M-Pesa asks. */
  amount: number;
  currency: string;
  reference: string;
  description: string;
  shortCode: string;
}

export type PaymentAnswer = 'accept' | 'decline' | 'ignore';

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  return answer;
}

/** Texts the service's number from the phone; the reply, or null when the service sent none. */
export const sendSms = (phone: string, text: string) => post<{ reply: Sms | null }>('/simulator/sms', { phone, text });

/** One hop of a USSD session: every input so far, joined by '*'. */
export const ussdHop = (hop: { phone: string; serviceCode: string; sessionId: string; text: string }) =>
  post<UssdScreen>('/simulator/ussd', hop);

export const answerPayment = (checkoutRequestId: string, answer: PaymentAnswer) =>
  post<{ answered: boolean }>('/simulator/payments', { checkoutRequestId, answer });

/** The notifications the phone received since a moment, oldest first, and the payment prompts waiting on it. */
export async function readInbox(phone: string, since: string): Promise<{ notifications: Notification[]; payments: PaymentPrompt[] }> {
  const response = await fetch(`/simulator/inbox?${new URLSearchParams({ phone, since })}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
