// Runs before `npm start` and `npm test`, with no dependencies of its own, so that those two
// commands are all a fresh machine needs:
// - the project's Node.js (.nvmrc) when the machine's is another major version, fetched from the
//   npm registry into .tools/ and linked as node_modules/.bin/node, which npm scripts find first;
// - the packages the lockfile names, installed with that Node when node_modules is missing or stale;
// - with --install-java (as root on Debian/Ubuntu), a Java runtime for DynamoDB Local;
// - with --install-chromium (likewise), the Chromium the browser tests drive.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const STAMP = 'node_modules/.lockfile-hash';
/** The Node.js major version the project runs on, as in the Lambda runtime and `engines`. */
const NODE_MAJOR = readFileSync('.nvmrc', 'utf8').trim();
const lockHash = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The directory of the project's Node binary, fetched when the machine runs another major; null when the machine's will do. */
function projectNodeBin() {
  if (process.versions.node.split('.')[0] === NODE_MAJOR) return null;
  // The registry ships each platform's official Node binary as a package of its own.
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const prefix = resolve('.tools', `node-${NODE_MAJOR}`);
  const bin = join(prefix, 'node_modules', pkg, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    console.log(`Fetching Node.js ${NODE_MAJOR} (${pkg}) from the npm registry: this machine runs ${process.version}...`);
    mkdirSync(prefix, { recursive: true });
    run('npm', ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${pkg}@${NODE_MAJOR}`]);
  }
  return bin;
}

const nodeBin = projectNodeBin();
// npm and everything it starts run on the project's Node.
const env = nodeBin ? { ...process.env, PATH: `${nodeBin}${delimiter}${process.env.PATH}` } : process.env;

if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== lockHash) {
  console.log('Installing packages (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund'], env);
  writeFileSync(STAMP, lockHash);
}

// npm puts node_modules/.bin first on the PATH of every script, so `node` there is the project's.
const linked = join('node_modules', '.bin', 'node');
const target = nodeBin ? join(nodeBin, 'node') : null;
// Run by that linked Node itself (a script started from another npm script), the link stays.
const runByLink = linkTarget(linked) !== null && process.execPath === resolve(linkTarget(linked));
if (!runByLink && linkTarget(linked) !== target) {
  rmSync(linked, { force: true });
  if (target) symlinkSync(target, linked);
}

function linkTarget(path) {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

function javaMajor() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return 0;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return 0;
  return Number(match[1]) === 1 ? Number(match[2]) : Number(match[1]);
}

/** Debian names the package's binary `chromium`, older Ubuntu `chromium-browser` (as tests/support/browser.ts looks for it). */
function hasChromium() {
  return ['chromium', 'chromium-browser'].some((name) => spawnSync(name, ['--version']).status === 0);
}

const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
const missing = [
  process.argv.includes('--install-java') && javaMajor() < 17 && 'openjdk-17-jre-headless',
  process.argv.includes('--install-chromium') && !hasChromium() && 'chromium',
].filter(Boolean);
if (missing.length > 0 && canApt) {
  console.log(`Installing ${missing.join(' and ')} (DynamoDB Local runs on Java, the browser tests drive Chromium)...`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
