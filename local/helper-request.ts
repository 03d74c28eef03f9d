import { readHelperConfig } from './local-settings.js';

function serverSettings(): { serverUrl: string } {
  try {
    return readHelperConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

/** Posts to one of the simulator's endpoints of the running local server; exits with a clear message when it cannot. */
export async function postToServer<T>(path: string, body: unknown): Promise<T> {
  const { serverUrl } = serverSettings();
  const response = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch((error: Error) => {
    console.error(`No server at ${serverUrl} (${error.message}): start it with npm start, or set PORT or VILLAGE_TRADE_URL.`);
    process.exit(1);
  });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) {
    console.error(answer.error ?? `${serverUrl}${path} answered HTTP ${response.status}`);
    process.exit(1);
  }
  return answer;
}

/** The phone and the text after the script's own arguments ('' for an optional text left out), or the usage line and exit 2. */
export function helperArguments(usage: string, text: 'required' | 'optional'): [string, string] {
  const [phone, given] = process.argv.slice(2);
  if (phone === undefined || (given === undefined && text === 'required')) {
    console.error(`Usage: ${usage}`);
    process.exit(2);
  }
  return [phone, given ?? ''];
}
