/**
 * Before the browser tests: makes sure Debian's Chromium is installed (playwright-core never
 * downloads a browser here). On a fresh machine where we are root with apt, it installs the
 * `chromium` package (about 20 s); otherwise it stops with the command to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium ` +
        '(or point CHROMIUM_PATH at a Chromium binary).',
    );
    process.exit(1);
  }
  console.log(`Chromium is missing at ${CHROMIUM}: installing Debian's chromium package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const res = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (res.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${res.status}).`);
      process.exit(1);
    }
  }
}
