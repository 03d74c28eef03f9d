import { readHelperConfig } from '../core/config/index.js';

/** Posts to one of the simulator's endpoints of the running local server; exits with a clear message when it cannot. */
export async function postToServer<T>(path: string, body: unknown): Promise<T> {
  const { serverUrl } = readHelperConfig();
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch((error: Error) => {
    console.error(`No server at ${serverUrl} (${error.message}): start it with npm start, or set VILLAGE_TRADE_URL.`);
    process.exit(1);
  });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) {
    console.error(answer.error ?? `${serverUrl}${path} answered HTTP ${response.status}`);
    process.exit(1);
  }
  return answer;
}

/** The arguments after the script's own, or the usage line and exit 2. */
export function helperArguments(usage: string): [string, string] {
  const [phone, text] = process.argv.slice(2);
  if (phone === undefined || text === undefined) {
    console.error(`Usage: ${usage}`);
    process.exit(2);
  }
  return [phone, text];
}
