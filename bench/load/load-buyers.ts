// The load's clients: simulated people, each a buyer with an API key of their own.
import type { Language } from '../../channels/text/languages.js';
import { issueApiKey } from '../../core/access/index.js';
import { createStore } from '../../core/db/index.js';
import type { RunningLocalServer } from '../../local/server-process.js';
import { newPhone } from './load-random.js';

/** One simulated person: a buyer with an API key, and the phones it texts and dials from once it has joined (with the menu's language). */
export interface Client {
  key: string;
  buyer: string;
  sms: { phone: string; language: Language; sent: number } | null;
  ussd: { phone: string; language: Language } | null;
}

/** A buyer with an API key for every client: the API has no operation that makes a key; `npm run create-key` writes it the same way. */
export async function buyerClients(server: RunningLocalServer, count: number): Promise<Client[]> {
  const store = createStore({ tableName: server.tableName, region: 'us-east-1', endpoint: server.dynamoEndpoint });
  const clients: Client[] = [];
  try {
    for (let i = 0; i < count; i += 20) {
      const batch = Array.from({ length: Math.min(20, count - i) }, async (): Promise<Client> => {
        const buyer = newPhone('756');
        const key = await issueApiKey(store, { kind: 'PHONE', phone: buyer }, `load ${buyer}`, new Date(), 24 * 60 * 60);
        return { key, buyer, sms: null, ussd: null };
      });
      clients.push(...(await Promise.all(batch)));
    }
  } finally {
    store.doc.destroy();
  }
  return clients;
}
