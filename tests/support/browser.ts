/**
 * Browser tests drive Debian's Chromium (the npm registry's browser downloads are not
 * reachable here). Without it they are skipped locally with a loud line; in CI, where
 * `.ci/run` installs it, a missing browser is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((path): path is string => !!path && existsSync(path));

if (!chromiumPath) {
  if (process.env.CI)
    throw new Error('CI must run the browser tests: .ci/run installs Debian chromium first.');
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!  BROWSER TESTS SKIPPED: no Chromium found (looked for $CHROMIUM_PATH,      !!',
      '!!  /usr/bin/chromium, /usr/bin/chromium-browser).                            !!',
      '!!  Enable them with:  sudo apt-get install chromium                          !!',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

/** Headless Chromium with no background networking (this machine's network is closed). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
