// Runs before `npm start` and `npm test`, with no dependencies of its own, so that those two
// commands are all a fresh machine needs: installs the packages the lockfile names when
// node_modules is missing or stale, and (with --install-java, as root on Debian/Ubuntu)
// a Java runtime for DynamoDB Local.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const STAMP = 'node_modules/.lockfile-hash';
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== lockHash) {
  console.log('Installing packages (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(STAMP, lockHash);
}

function javaMajor() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return 0;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return 0;
  return Number(match[1]) === 1 ? Number(match[2]) : Number(match[1]);
}

const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
if (process.argv.includes('--install-java') && javaMajor() < 17 && canApt) {
  console.log('Installing a Java runtime for DynamoDB Local (openjdk-17-jre-headless)...');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'openjdk-17-jre-headless']);
}
