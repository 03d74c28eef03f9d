import './simulator.css';
import { type FormEvent, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PhonePane } from './phone-pane.js';
import { readPageConfig } from './read-page-config.js';

const config = readPageConfig();

function Simulator() {
  const [phones, setPhones] = useState(config.phones);
  const [newPhone, setNewPhone] = useState('');
  const addPhone = (event: FormEvent) => {
    event.preventDefault();
    const phone = newPhone.replace(/[\s-]/g, '');
    if (!/^\+[1-9]\d{6,14}$/.test(phone) || phones.some((pane) => pane.phone === phone)) return;
    setPhones([...phones, { role: 'phone', phone }]);
    setNewPhone('');
  };
  return (
    <>
      <header>
        <h1>Village Trade phone simulator</h1>
        <p>
          Each pane is a feature phone: SMS to the service's number and USSD (*384#) go through the same webhooks Twilio and the aggregator
          call, notifications arrive as they are sent, and M-Pesa asks for payments here. <a href="/graphql">GraphiQL</a>
        </p>
        <form onSubmit={addPhone}>
          <input
            aria-label="Another phone (E.164)"
            placeholder="+255754100020"
            value={newPhone}
            onChange={(e) => setNewPhone(e.target.value)}
          />
          <button type="submit">Add a phone</button>
        </form>
      </header>
      <main>
        {phones.map(({ role, phone }) => (
          <PhonePane key={phone} role={role} phone={phone} since={config.renderedAt} />
        ))}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<Simulator />);
