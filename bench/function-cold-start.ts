// Cold import of each Lambda function's bundle: a fresh Node process that imports the bundle (its
// top-level code: settings, clients, schema) and exits, against a fresh Node process that does nothing.
// Measured side by side in one run, interleaved, so the machine's speed cancels out of the ratio.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFunction, FUNCTIONS, writeBundle } from '../infra/bundle-function.js';
import { functionEnvironment } from '../local/local-settings.js';

const RUNS = 21;
const WARMUP = 2;

const directory = await mkdtemp(join(tmpdir(), 'village-trade-cold-'));
try {
  const bundles = new Map<string, string>();
  for (const name of FUNCTIONS) bundles.set(name, await writeBundle(await bundleFunction(name), join(directory, name)));
  const runner = join(directory, 'import-and-exit.mjs');
  await writeFile(runner, 'await import(process.argv[2]);\nprocess.exit(0);\n');

  // What the stack gives the functions, with made-up values: every setting read at cold start is present.
  const env = {
    PATH: process.env.PATH ?? '',
    ...functionEnvironment({ tableName: 'bench', region: 'us-east-1', dynamoEndpoint: undefined }),
    PUBLIC_URL: 'https://bench.invalid',
    TWILIO_AUTH_TOKEN: 'bench-token',
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_FROM: '+15005550006',
    USSD_API_KEY: 'bench-key',
    // As on Lambda: role credentials in the environment, and source maps on (infra/constructs/village-function.ts).
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SESSION_TOKEN: 'bench',
    NODE_OPTIONS: '--enable-source-maps',
  };
  const targets: [string, string[]][] = [
    ['empty', ['-e', '']],
    ...[...bundles].map(([name, file]): [string, string[]] => [name, [runner, pathToFileURL(file).href]]),
  ];
  const times = new Map<string, number[]>(targets.map(([name]) => [name, []]));
  for (let run = 0; run < WARMUP + RUNS; run++) {
    // A different order each round, so no target always follows the same one.
    const order = targets.map((_, i) => targets[(i + run) % targets.length]!);
    for (const [name, args] of order) {
      const started = performance.now();
      const child = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      const elapsed = performance.now() - started;
      if (child.status !== 0) throw new Error(`${name} failed to import (exit ${child.status}):\n${child.stderr}`);
      if (run >= WARMUP) times.get(name)!.push(elapsed);
    }
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const empty = median(times.get('empty')!);
  console.log(`Cold import of each bundle: a Node process that imports it and exits, ${RUNS} runs interleaved with an empty Node process`);
  console.log(`  empty node process:      median ${empty.toFixed(0)} ms (1.00x)`);
  for (const name of FUNCTIONS) {
    const ms = median(times.get(name)!);
    console.log(
      `  ${`${name} function:`.padEnd(24)} median ${ms.toFixed(0)} ms (${(ms / empty).toFixed(2)}x the empty process; import ${(ms - empty).toFixed(0)} ms)`,
    );
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}
