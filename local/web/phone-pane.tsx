import { type FormEvent, useEffect, useRef, useState } from 'react';
import { answerPayment, type PaymentAnswer, type PaymentPrompt, readInbox, type Sms, sendSms } from './simulator-api.js';
import { UssdScreen } from './ussd-screen.js';

/** A line of the SMS conversation: what the phone sent, what came back, or a notification. */
interface Line {
  id: string;
  from: 'phone' | 'service' | 'notification' | 'error';
  text: string;
  /** How a received text travelled: its encoding and segments. */
  cost?: Omit<Sms, 'text'>;
}

const received = (from: 'service' | 'notification', { text, encoding, segments }: Sms): Omit<Line, 'id'> => ({
  from,
  text,
  cost: { encoding, segments },
});

const POLL_MS = 1000;

const appended = (lines: Line[], line: Omit<Line, 'id'>): Line[] => [...lines, { ...line, id: `${lines.length}` }];

function PaymentRequest({ prompt, onAnswer }: { prompt: PaymentPrompt; onAnswer: (answer: PaymentAnswer) => void }) {
  return (
    <div className="payment" role="alertdialog" aria-label="M-Pesa payment request">
      <p>
        M-Pesa: pay {prompt.currency} {prompt.amount.toLocaleString('en')} to {prompt.shortCode} for {prompt.description}?
      </p>
      <button type="button" onClick={() => onAnswer('accept')}>
        Accept
      </button>
      <button type="button" onClick={() => onAnswer('decline')}>
        Decline
      </button>
      <button type="button" onClick={() => onAnswer('ignore')}>
        Ignore
      </button>
    </div>
  );
}

/** One phone: its SMS conversation with notifications as they are sent, its USSD session and its M-Pesa prompts. */
export function PhonePane({ role, phone, since }: { role: string; phone: string; since: string }) {
  const [mode, setMode] = useState<'sms' | 'ussd'>('sms');
  const [lines, setLines] = useState<Line[]>([]);
  const [payments, setPayments] = useState<PaymentPrompt[]>([]);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const seen = useRef(new Set<string>());
  const thread = useRef<HTMLOListElement>(null);
  const add = (line: Omit<Line, 'id'>) => setLines((all) => appended(all, line));

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const inbox = await readInbox(phone, since);
        if (stopped) return;
        for (const notification of inbox.notifications) {
          if (seen.current.has(notification.id)) continue;
          seen.current.add(notification.id);
          setLines((all) => appended(all, received('notification', notification)));
        }
        setPayments(inbox.payments);
      } catch {
        // The server may be restarting: the next poll tries again.
      }
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [phone, since]);

  // The newest line in view, as on a phone.
  useEffect(() => {
    if (thread.current && lines.length > 0) thread.current.scrollTop = thread.current.scrollHeight;
  }, [lines]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || sending) return;
    add({ from: 'phone', text });
    setText('');
    setSending(true);
    try {
      const { reply } = await sendSms(phone, text);
      if (reply !== null) add(received('service', reply));
    } catch (error) {
      add({ from: 'error', text: (error as Error).message });
    } finally {
      setSending(false);
    }
  };

  const answer = async (prompt: PaymentPrompt, choice: PaymentAnswer) => {
    setPayments((all) => all.filter((p) => p.checkoutRequestId !== prompt.checkoutRequestId));
    await answerPayment(prompt.checkoutRequestId, choice).catch((error: Error) => add({ from: 'error', text: error.message }));
  };

  return (
    <section className="phone" aria-label={`${role} ${phone}`}>
      <h2>
        {role} <span>{phone}</span>
      </h2>
      <div className="modes">
        <button type="button" aria-pressed={mode === 'sms'} onClick={() => setMode('sms')}>
          SMS
        </button>
        <button type="button" aria-pressed={mode === 'ussd'} onClick={() => setMode('ussd')}>
          USSD
        </button>
      </div>
      {payments.map((prompt) => (
        <PaymentRequest key={prompt.checkoutRequestId} prompt={prompt} onAnswer={(choice) => void answer(prompt, choice)} />
      ))}
      {mode === 'sms' ? (
        <>
          <ol className="messages" aria-label="Messages" ref={thread}>
            {lines.map((line) => (
              <li key={line.id} className={`from-${line.from}`}>
                <span className="text">{line.text}</span>
                {line.cost && (
                  <small className="cost">
                    {line.cost.encoding}, {line.cost.segments} segment{line.cost.segments === 1 ? '' : 's'}
                  </small>
                )}
              </li>
            ))}
          </ol>
          <form onSubmit={send}>
            <input aria-label="SMS text" placeholder="FIND rice" value={text} onChange={(e) => setText(e.target.value)} />
            <button type="submit" disabled={sending}>
              Send
            </button>
          </form>
        </>
      ) : (
        <UssdScreen phone={phone} />
      )}
    </section>
  );
}
