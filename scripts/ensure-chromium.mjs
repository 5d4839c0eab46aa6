#!/usr/bin/env node
// Finds Debian's Chromium for the Playwright tests, installing it with apt-get when missing and
// running as root; otherwise fails and says how to install it. Playwright cannot download here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter(Boolean);
const found = () => candidates.find((p) => existsSync(p));

if (found()) {
  console.log(`chromium: ${found()}`);
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`chromium: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    "chromium: not found. The end-to-end tests drive Debian's Chromium.\n" +
      '  Install it:  sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log("chromium: not found; installing Debian's chromium with apt-get…");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
} catch {
  console.error(
    'chromium: apt-get failed. Install it by hand: apt-get update && apt-get install -y chromium',
  );
  process.exit(1);
}
if (!found()) {
  console.error('chromium: apt-get finished but /usr/bin/chromium is still missing.');
  process.exit(1);
}
console.log(`chromium: installed at ${found()}`);
