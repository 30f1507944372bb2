/**
 * Driving the staff console in Chromium: signing in through the local sign-in, reading the local
 * inbox, checking a screen with axe-core and walking it with the keyboard. Texts come from the
 * console's English catalogue, so a reworded message does not break a test.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { en } from '../../web/src/i18n/en.js';
import { launchBrowser } from './browser.js';

export { en };

/** A catalogue message with its placeholders filled. */
export const say = (message: string, values: Record<string, string | number> = {}) =>
  message.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Whether the element has the keyboard focus. */
export const isFocused = (locator: Locator) =>
  locator.evaluate((el) => el === el.ownerDocument.activeElement);

/** Presses Tab until the element has the focus (at most `limit` times). */
export async function tabTo(page: Page, locator: Locator, limit = 60) {
  for (let i = 0; i < limit && !(await isFocused(locator)); i++) await page.keyboard.press('Tab');
  expect(await isFocused(locator)).toBe(true);
}

/** A browser window signed in as one staff member (the local sign-in: click their name). */
export async function signedIn(
  browser: Browser,
  consoleUrl: string,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[console page error] ${error.message}`));
  // A style or script the page's own Content-Security-Policy refuses is a page that looks or works wrong.
  const refusedByPolicy: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refusedByPolicy.push(message.text());
  });
  // Nothing a first visit asks for fails (each failure is a red line in the browser's console).
  const failed = failedRequests(page);
  await page.goto(`${consoleUrl}/`);
  await page.waitForURL(/\/local\/sign-in/);
  // The sign-in page is clearly marked as local: its notice is styled (yellow), not plain text.
  await expect
    .poll(() =>
      page
        .getByRole('note')
        .evaluate((note) => note.ownerDocument.defaultView?.getComputedStyle(note).backgroundColor),
    )
    .toBe('rgb(253, 230, 138)');
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.getByRole('heading', { level: 1, name: en.myWork.title }).waitFor();
  expect(refusedByPolicy).toEqual([]);
  expect(failed).toEqual([]);
  return { context, page };
}

/** Requests of `page` answered 4xx/5xx from now on, as `status method url`. */
function failedRequests(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400)
      failed.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return failed;
}

/** The local stack with its demo data and built console, and a browser to drive it (started together). */
export const startConsoleStack = (): Promise<[LocalStack, Browser]> =>
  Promise.all([
    startLocalStack({
      persist: false,
      seed: true,
      buildConsole: true,
      ports: {},
      log: (m) => process.env.AD_TEST_VERBOSE && console.error(m),
    }),
    launchBrowser(),
  ]);

/** Checks the page as a person with assistive technology and a keyboard would use it. */
export async function checkScreen(page: Page, screen: string) {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading').count(), { timeout: 10_000 }).toBe(0);
  await expectAccessible(page, screen);
  await expectKeyboardReachable(page, screen);
}

/**
 * Whoever is signed in on `page` opens, in My work, the first waiting item about `about` (reloading
 * until it arrives: the workflow moves on its own). Returns the item's row.
 */
export async function reviewInMyWork(page: Page, about: string) {
  const row = page.locator('.work-item').filter({ hasText: about });
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole('heading', { level: 1, name: en.myWork.title }).waitFor();
        await page.waitForLoadState('networkidle');
        return row.count();
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await row.first().getByRole('button', { name: en.myWork.review }).click();
  return row;
}

/**
 * Whoever is signed in on `page` approves, in My work, the first waiting item about `about`; with
 * `shows`, its inline preview says so first. Returns the item's row.
 */
export async function approveInMyWork(page: Page, about: string, shows?: string) {
  const row = await reviewInMyWork(page, about);
  if (shows !== undefined)
    await expect.poll(() => row.first().locator('.preview').innerText()).toContain(shows);
  await row.first().getByRole('radio', { name: en.decisions.approve, exact: true }).check();
  await row.first().getByRole('button', { name: en.decision.submit }).click();
  return row;
}

/**
 * The client contact `to` opens the next link emailed about `about` (not in `seen`), finds each of
 * `shows` on the page and approves.
 */
export async function clientApprovesByLink(
  browser: Browser,
  inboxUrl: string,
  to: string,
  about: string,
  seen: Set<string>,
  shows: string[] = [],
) {
  const link = await nextApprovalLink(inboxUrl, to, about, seen);
  const client = await browser.newContext();
  try {
    const page = await client.newPage();
    const failed = failedRequests(page);
    await page.goto(link);
    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
    const content = await page.content();
    for (const text of shows) expect(content).toContain(text);
    await page.check('input[name="decision"][value="approve"]');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === page.url()),
      page.getByRole('button', { name: 'Submit decision' }).click(),
    ]);
    expect(response.status()).toBe(200);
  } finally {
    await client.close();
  }
}

/** No serious or critical accessibility violation on the page as it is now (axe-core). */
export async function expectAccessible(page: Page, screen: string) {
  // evaluate() runs outside the page's CSP, which (rightly) refuses injected scripts.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  expect(violations, screen).toEqual([]);
}

/**
 * Every control on the page can be reached with Tab: each visible, enabled link, button and field
 * receives focus while tabbing through the page once.
 */
export async function expectKeyboardReachable(page: Page, screen: string) {
  // A radio group is one stop for Tab (arrow keys move within it): its radios share one id.
  const total = (await page.evaluate(`(() => {
    const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter(
      (el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0 && el.type !== 'hidden',
    );
    controls.forEach((el, i) => el.setAttribute('data-kb', el.type === 'radio' && el.name ? 'radio:' + el.name : String(i)));
    document.activeElement?.blur();
    return controls.length;
  })()`)) as number;
  // Focus is recorded in the page as it moves: one round trip at the end, not one per key press.
  await page.evaluate(`(() => {
    window.__reached = new Set();
    document.addEventListener('focusin', (e) => {
      const id = e.target?.getAttribute?.('data-kb');
      if (id) window.__reached.add(id);
    });
  })()`);
  for (let i = 0; i < total + 5; i++) await page.keyboard.press('Tab');
  const missed = (await page.evaluate(`[...document.querySelectorAll('[data-kb]')]
    .filter((el) => !window.__reached.has(el.getAttribute('data-kb')))
    .map((el) => el.outerHTML.slice(0, 120))`)) as string[];
  expect(missed, screen).toEqual([]);
}

const approvalLink = /https?:\/\/[^\s"<>]+\/approve\/[A-Za-z0-9_-]{43}/g;

/**
 * The next approval link emailed to `to` about `about` (in the subject) that is not in `seen` (the
 * local SES inbox); kept in `seen`.
 */
export async function nextApprovalLink(
  inboxUrl: string,
  to: string,
  about: string,
  seen: Set<string>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const store = (await (await fetch(`${inboxUrl}store`)).json()) as {
      emails: { destination?: { to?: string | string[] }; subject?: string; body?: { text?: string } }[];
    };
    const links = store.emails
      .filter((e) => [e.destination?.to ?? []].flat().includes(to) && (e.subject ?? '').includes(about))
      .flatMap((e) => (e.body?.text ?? '').match(approvalLink) ?? []);
    const fresh = links.find((l) => !seen.has(l));
    if (fresh) {
      seen.add(fresh);
      return fresh;
    }
    if (Date.now() > deadline) throw new Error(`no new approval link to ${to} about ${about}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every approval link emailed to `to` so far. */
export async function approvalLinksTo(inboxUrl: string, to: string): Promise<string[]> {
  const store = (await (await fetch(`${inboxUrl}store`)).json()) as {
    emails: { destination?: { to?: string | string[] }; body?: { text?: string } }[];
  };
  return store.emails
    .filter((e) => [e.destination?.to ?? []].flat().includes(to))
    .flatMap((e) => (e.body?.text ?? '').match(approvalLink) ?? []);
}
