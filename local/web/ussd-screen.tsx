import { type FormEvent, useState } from 'react';
import { type UssdScreen as Screen, ussdHop } from './simulator-api.js';

const DEFAULT_CODE = '*384#';

/** A USSD session as a handset shows it: dial a code, read the screen, reply, until an END screen. */
export function UssdScreen({ phone }: { phone: string }) {
  const [session, setSession] = useState<{ id: string; serviceCode: string; inputs: string[] } | null>(null);
  const [screen, setScreen] = useState<Screen | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [input, setInput] = useState(DEFAULT_CODE);

  const hop = async (next: { id: string; serviceCode: string; inputs: string[] }) => {
    try {
      const shown = await ussdHop({ phone, serviceCode: next.serviceCode, sessionId: next.id, text: next.inputs.join('*') });
      setScreen(shown);
      setProblem(null);
      setSession(shown.ended ? null : next);
      if (shown.ended) setInput(DEFAULT_CODE);
    } catch (error) {
      setProblem(`Connection problem or invalid MMI code (${(error as Error).message}).`);
      setSession(null);
      setInput(DEFAULT_CODE);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const entered = input.trim();
    setInput('');
    if (session) void hop({ ...session, inputs: [...session.inputs, entered] });
    else void hop({ id: `sim-${crypto.randomUUID()}`, serviceCode: entered, inputs: [] });
  };

  return (
    <div className="ussd">
      <pre role="status" aria-label="USSD screen">
        {problem ?? screen?.screen ?? 'Dial the service code, e.g. *384#.'}
      </pre>
      {screen && !problem && (
        <small className="cost">
          {screen.length}/{screen.limit} characters{screen.ended ? ', session ended' : ''}
        </small>
      )}
      <form onSubmit={submit}>
        <input aria-label={session ? 'USSD reply' : 'USSD code to dial'} value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit">{session ? 'Reply' : 'Call'}</button>
        {session && (
          <button
            type="button"
            onClick={() => {
              setSession(null);
              setScreen(null);
              setInput(DEFAULT_CODE);
            }}
          >
            Cancel
          </button>
        )}
      </form>
    </div>
  );
}
