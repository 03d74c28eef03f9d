import './monaco-workers.js';
import 'graphiql/style.css';
import './graphiql.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { exampleTabs } from './graphiql-examples.js';
import { readPageConfig } from './read-page-config.js';

const { keys } = readPageConfig();
/** The key sent with every request whose headers name none; the bar above GraphiQL changes it. */
let chosenKey = keys[0]?.key ?? '';

const hasAuthorization = (headers: HeadersInit | undefined) => new Headers(headers).has('authorization');

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  fetch: (input, init) =>
    fetch(input, {
      ...init,
      headers: hasAuthorization(init?.headers)
        ? init?.headers
        : { ...(init?.headers as Record<string, string>), authorization: `Bearer ${chosenKey}` },
    }),
});

function KeyBar() {
  const [chosen, choose] = useState(chosenKey);
  return (
    <nav className="key-bar" aria-label="Demo keys">
      <span>Key sent (unless the headers name one):</span>
      {keys.map(({ label, key }) => (
        <button
          key={key}
          type="button"
          aria-pressed={chosen === key}
          onClick={() => {
            chosenKey = key;
            choose(key);
          }}
        >
          {label}
        </button>
      ))}
      <a href="/simulator">Phone simulator</a>
    </nav>
  );
}

createRoot(document.getElementById('root')!).render(
  <>
    <KeyBar />
    <GraphiQL fetcher={fetcher} defaultTabs={exampleTabs(new Date())} />
  </>,
);
