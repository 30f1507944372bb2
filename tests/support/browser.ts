/**
 * Browser tests drive Debian's Chromium (the npm registry's browser downloads are not
 * reachable here). Without it they are skipped locally with a loud line; in CI, where
 * `.ci/run` installs it, a missing browser is a failure, never a skip.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

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

/**
 * Opens the local inbox as a mailbox that starts now. The viewer first asks for every email
 * (`/store?since=0`) and renders each in an iframe: late in a test run the shared inbox holds
 * thousands, and the page takes longer than a test to draw them. Its asks for "since 0" are sent
 * as "since a second before now" (epoch seconds), so it shows the emails this test sends.
 */
export async function openInbox(page: Page, inboxUrl: string): Promise<void> {
  const since = String(Math.floor(Date.now() / 1000) - 1);
  await page.route(/\/store\?since=0$/, (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('since', since);
    return route.continue({ url: url.toString() });
  });
  await page.goto(inboxUrl);
}
