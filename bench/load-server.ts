// `npm start`'s program (local/start.ts) as a process of its own for the load test: its own
// DynamoDB Local in memory, a free port, and a watch on its log for faults.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TAIL_LINES = 200;
const FAULT_SAMPLES = 5;
// Faults are logged as one JSON object with level error (console.error(JSON.stringify(...)) or a
// structured logger's ERROR); business outcomes never are.
const FAULT_LINE = /"level"\s*:\s*"error"/i;

export interface LoadServer {
  url: string;
  /** The DynamoDB Local the server started, for writes the API has no operation for (API keys). */
  dynamoEndpoint: string;
  tableName: string;
  /** Log lines at level error since the start, and the first few of them. */
  faults: () => { count: number; samples: string[] };
  tail: () => string;
  /** CPU seconds the server's process and its children (DynamoDB Local's Java) have used so far; null without /proc. */
  cpuSeconds: () => { server: number; dynamo: number } | null;
  stop: () => Promise<void>;
}

const CLOCK_TICKS = 100;

/** pid -> [parent pid, user + system CPU ticks], from /proc (Linux). */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), [Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

function cpuOf(pid: number): { server: number; dynamo: number } | null {
  try {
    const table = processTable();
    const own = table.get(pid);
    if (!own) return null;
    let descendants = 0;
    const queue = [pid];
    while (queue.length) {
      const parent = queue.shift()!;
      for (const [child, [ppid, ticks]] of table) {
        if (ppid !== parent) continue;
        descendants += ticks;
        queue.push(child);
      }
    }
    return { server: own[1] / CLOCK_TICKS, dynamo: descendants / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** Starts the server with these settings; `onLine` sees every line it logs. */
export async function startLoadServer(
  env: Record<string, string>,
  onLine: (line: string) => void = () => {},
  timeoutMs = 120_000,
): Promise<LoadServer> {
  // tsx as a loader, not its CLI: our SIGTERM reaches the server itself, which stops DynamoDB Local.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', IN_MEMORY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  let faultCount = 0;
  const faultSamples: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      onLine(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      if (FAULT_LINE.test(line)) {
        faultCount++;
        if (faultSamples.length < FAULT_SAMPLES) faultSamples.push(line.slice(0, 1500));
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const text = () => tail.join('\n');

  const deadline = Date.now() + timeoutMs;
  const seen = { url: '', endpoint: '', table: '' };
  for (;;) {
    const all = text();
    const url = /backend on (http:\/\/127\.0\.0\.1:\d+)/.exec(all)?.[1];
    const dynamo = /DynamoDB (http:\/\/\S+) table (\S+)/.exec(all);
    if (url && dynamo && /Ctrl-C stops/.test(all)) {
      Object.assign(seen, { url, endpoint: dynamo[1], table: dynamo[2] });
      break;
    }
    if (child.exitCode !== null) throw new Error(`local/start.ts exited (${child.exitCode}):\n${all}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`local/start.ts did not get ready in ${timeoutMs / 1000} s:\n${all}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    url: seen.url,
    dynamoEndpoint: seen.endpoint,
    tableName: seen.table,
    faults: () => ({ count: faultCount, samples: [...faultSamples] }),
    tail: text,
    cpuSeconds: () => (child.pid === undefined ? null : cpuOf(child.pid)),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
