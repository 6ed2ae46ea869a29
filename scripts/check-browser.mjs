#!/usr/bin/env node
// `npm test` runs browser tests in Debian's chromium. If it is missing, install it when we can
// (root with apt-get, as in CI), else stop and print the command that installs it. Never skip silently.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium';

if (!existsSync(CHROMIUM)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`The browser tests need Debian's chromium at ${CHROMIUM}, which is missing.\nInstall it with:\n  sudo sh -c '${INSTALL}'\nthen run npm test again.`);
    process.exit(1);
  }
  console.error(`chromium is missing: installing it (${INSTALL}) …`);
  execSync(INSTALL, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) {
    console.error(`chromium is still missing after '${INSTALL}'.`);
    process.exit(1);
  }
}
