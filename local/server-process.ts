// `npm start`'s program (local/start.ts) as a process of its own, as a person runs it: for the
// end-to-end tests, the benchmarks and the load test.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface LocalServer {
  process: ChildProcess;
  /** What it has printed, stdout and stderr (only the last `keepLines` lines where that is set). */
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Sends SIGTERM, as process managers do, and waits for the end. */
  stop: () => Promise<void>;
}

interface OutputOptions {
  /** Sees every line the server prints, as it prints it. */
  onLine?: (line: string) => void;
  /** Keep only this many of the last lines: a long run prints much. */
  keepLines?: number;
}

/** Starts the program with these settings over the defaults (a free port, INFO logs as for a person), not waiting for it. */
export function spawnLocalServer(env: Record<string, string>, { onLine, keepLines }: OutputOptions = {}): LocalServer {
  // tsx as a loader, not its CLI: signals reach our process directly, with no relay in between.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', POWERTOOLS_LOG_LEVEL: 'INFO', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const split = (partial + chunk.toString()).split('\n');
    partial = split.pop() ?? '';
    for (const line of split) {
      onLine?.(line);
      lines.push(line);
      if (keepLines !== undefined && lines.length > keepLines) lines.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => [...lines, partial].join('\n'),
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until the server prints a line matching the pattern; fails with the output when it exits first. */
export async function waitForOutput(
  server: Pick<LocalServer, 'process' | 'output'>,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = server.output().match(pattern);
    if (match) return match;
    if (server.process.exitCode !== null) throw new Error(`server exited (${server.process.exitCode}):\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${server.output()}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

export interface RunningLocalServer extends LocalServer {
  url: string;
  /** The DynamoDB Local it uses and its table, as its banner names them. */
  dynamoEndpoint: string;
  tableName: string;
  /** Its SQS stand-in and the Fanout queue there, as the banner's replay line names them. */
  sqsEndpoint: string | undefined;
  fanoutQueueUrl: string | undefined;
}

/** Starts the program and waits until it serves: its banner printed to the last line. */
export async function startLocalServer(
  env: Record<string, string>,
  { timeoutMs = 120_000, ...output }: OutputOptions & { timeoutMs?: number } = {},
): Promise<RunningLocalServer> {
  const server = spawnLocalServer(env, output);
  try {
    await waitForOutput(server, /Ctrl-C stops/, timeoutMs);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const banner = server.output();
  const url = /backend on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
  const dynamo = /DynamoDB (http:\/\/\S+) table (\S+)/.exec(banner);
  if (!url || !dynamo) {
    await server.stop();
    throw new Error(`the banner names no URL or no table:\n${banner}`);
  }
  const sqsEndpoint = /SQS_ENDPOINT=(\S+)/.exec(banner)?.[1];
  const fanoutQueueUrl = /FANOUT_QUEUE_URL=(\S+)/.exec(banner)?.[1];
  return { ...server, url, dynamoEndpoint: dynamo[1]!, tableName: dynamo[2]!, sqsEndpoint, fanoutQueueUrl };
}
