/**
 * Issue 4 §5, end to end over HTTP against `npm start --fresh` (its own process group, ports and
 * data folder, like the newcomer test): a media campaign on the demo media job goes from
 * recommendation — confirmed by the client in a real headless Chromium through the emailed
 * link — to a master plan confirmed by an uploaded, hashed written confirmation, to a monthly
 * schedule confirmed by link and booked; bookings of a superseded or unconfirmed version are
 * refused; a monitoring CSV with bad rows is imported (good rows stored, bad rows listed with
 * their line numbers); the shared local clock passes flight end + 7 days, the daily
 * post-campaign-reports schedule fires, and the report is listed, stored in S3 (HTML and CSV)
 * and emailed — its numbers matching a calculation made here from the data the test sent.
 *
 * The flight is relative to the real date (today − 20 days to today + 1, UTC), so only the
 * scheduler's clock has to move. Without Chromium the whole file is skipped locally with a loud
 * line; in CI a missing browser fails (tests/support/browser.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser } from '../support/browser.js';
import { cents, parseCsv, sum } from '../support/csv.js';
import { freePort, printedToken, type Running, start, stop } from '../support/local-process.js';
import { signedPdf as samplePdf } from '../support/media-samples.js';

// biome-ignore lint/suspicious/noExplicitAny: the test asserts on the shapes itself
type Json = any;

// ---- Dates, money, CSV ----

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, days: number) => isoDay(dayMs(date) + days * DAY_MS);
const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return isoDay(Date.UTC(y, m, 0));
};
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

// ---- The campaign the test sends ----

interface PlanLine {
  channel: string;
  vendor: string;
  placement: string;
  startDate: string;
  endDate: string;
  unitType: 'spots' | 'insertions' | 'impressions';
  units: number;
  rate: number;
  kpiContribution?: Record<string, number>;
}

/** The cost the API must compute: units × rate; impressions are bought per thousand. In dollars. */
const costOf = (l: PlanLine) =>
  cents(l.unitType === 'impressions' ? (l.units / 1000) * l.rate : l.units * l.rate);
/** Dollars as the API takes and answers money: integer cents. */
const usd = (dollars: number) => ({ amountMinor: Math.round(dollars * 100), currency: 'USD' });
/** Plan lines as sent: the rate (dollars here) as money. */
const asSent = (lines: PlanLine[]) => lines.map((l) => ({ ...l, rate: usd(l.rate) }));
/** Impressions a plan line targets (bought by the thousand: its units; else its stated contribution). */
const plannedImpressionsOf = (l: PlanLine) =>
  l.unitType === 'impressions' ? l.units : (l.kpiContribution?.impressions ?? 0);

const TV = { channel: 'tv', vendor: 'Star TV', placement: 'Prime time 30s' } as const;
const ONLINE = { channel: 'online', vendor: 'AdNet', placement: 'Homepage banner' } as const;
const OUTDOOR = { channel: 'outdoor', vendor: 'ClearView', placement: 'Metro panels' } as const;
/** Delivered but never planned nor booked (its placement has a comma: a quoted CSV field). */
const UNPLANNED = { channel: 'other', vendor: 'Metro Ads', placement: 'Station posters, north' } as const;

const kpis = [
  { metric: 'impressions', target: 6_000_000 },
  { metric: 'clicks', target: 7_000 },
  { metric: 'reach', target: 1_500 },
  { metric: 'grps', target: 150 },
];
const budget = usd(100_000);

/** A monitoring row as sent; `good` rows are what the import must store. */
interface SentRow {
  date: string;
  vendor: string;
  placement: string;
  units: number;
  impressions?: number;
  audience?: number;
  clicks?: number;
  cost: number;
}

const csvField = (v: string | number | undefined) => {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const signedPdf = samplePdf('Master plan v1 signed by Sofia Lindqvist, Marketing Director');

describe.skipIf(!chromiumPath)(
  'a media campaign from recommendation to post-campaign report (npm start)',
  () => {
    let dataDir = '';
    const ports: Record<string, number> = {};
    let running: Running | undefined;
    let api = '';
    let inbox = '';
    let sfnUrl = '';
    let schedulerUrl = '';
    let browser: Browser | undefined;
    const tokens: Record<string, string> = {};
    const timings: [string, number][] = [];
    let stepStarted = Date.now();

    // The flight, relative to the real date; the month of the flight the schedule covers.
    const today = isoDay(Date.now());
    const flightStart = addDays(today, -20);
    const flightEnd = addDays(today, 1);
    const {
      month,
      from: windowStart,
      to: windowEnd,
    } = (() => {
      // The calendar month with the most days of the flight (a flight may straddle two).
      const months = [...new Set([flightStart.slice(0, 7), flightEnd.slice(0, 7)])];
      const windows = months.map((m) => {
        const from = `${m}-01` > flightStart ? `${m}-01` : flightStart;
        const to = lastDayOfMonth(m) < flightEnd ? lastDayOfMonth(m) : flightEnd;
        return { month: m, from, to, days: (dayMs(to) - dayMs(from)) / DAY_MS + 1 };
      });
      return windows.sort((a, b) => b.days - a.days)[0]!;
    })();
    const windowDays = (dayMs(windowEnd) - dayMs(windowStart)) / DAY_MS + 1;
    const windowDay = (i: number) => addDays(windowStart, i % windowDays);
    const campaignName = `Cold brew summer flight ${Date.now().toString(36)}`;

    const masterLines: PlanLine[] = [
      {
        ...TV,
        startDate: flightStart,
        endDate: flightEnd,
        unitType: 'spots',
        units: 40,
        rate: 1500,
        kpiContribution: { impressions: 4_000_000 },
      },
      {
        ...ONLINE,
        startDate: flightStart,
        endDate: flightEnd,
        unitType: 'impressions',
        units: 2_000_000,
        rate: 12.5,
        kpiContribution: { impressions: 2_000_000, clicks: 10_000 },
      },
      {
        ...OUTDOOR,
        startDate: flightStart,
        endDate: flightEnd,
        unitType: 'insertions',
        units: 10,
        rate: 800,
        kpiContribution: { impressions: 500_000 },
      },
    ];
    const scheduleLines: PlanLine[] = [
      { ...masterLines[0]!, startDate: windowStart, endDate: windowEnd, units: 30 },
      { ...masterLines[1]!, startDate: windowStart, endDate: windowEnd, units: 1_500_000 },
      { ...masterLines[2]!, startDate: windowStart, endDate: windowEnd, units: 8 },
    ];

    // ---- The monitoring CSV: good rows, and bad ones at known lines ----

    const goodRows: SentRow[] = [];
    const csvLines: string[] = ['date,vendor,placement,units_delivered,impressions,audience,clicks,cost'];
    const expectedRejects: { line: number; reason: RegExp }[] = [];
    const addGood = (row: SentRow, as: { vendor?: string; placement?: string } = {}) => {
      goodRows.push(row);
      csvLines.push(
        [
          row.date,
          as.vendor ?? row.vendor,
          as.placement ?? row.placement,
          row.units,
          row.impressions,
          row.audience,
          row.clicks,
          row.cost,
        ]
          .map(csvField)
          .join(','),
      );
    };
    const addBad = (fields: (string | number | undefined)[], reason: RegExp) => {
      csvLines.push(fields.map(csvField).join(','));
      expectedRejects.push({ line: csvLines.length, reason });
    };
    for (let i = 0; i < 12; i++) {
      addGood(
        {
          date: windowDay(i),
          ...TV,
          units: 2,
          impressions: i % 4 === 3 ? undefined : 180_000 + 10_000 * (i % 3),
          audience: 100 + 5 * i,
          cost: i % 2 ? 3100 : 2950,
        },
        // Case and spacing are folded: this row is still Star TV's prime time.
        i === 5 ? { vendor: 'STAR TV', placement: 'Prime  time 30s' } : {},
      );
      if (i === 4)
        addBad(
          ['2026-02-30', TV.vendor, TV.placement, 2, 190000, 110, '', 3000],
          /date: .* is not a calendar date/,
        );
      if (i === 8)
        addBad(
          [addDays(flightStart, -1), TV.vendor, TV.placement, 2, '', '', '', 3000],
          /outside the flight/,
        );
    }
    for (let i = 0; i < 10; i++) {
      const units = 100_000 + 5_000 * i;
      addGood({
        date: windowDay(i + 1),
        ...ONLINE,
        units,
        impressions: units,
        clicks: 600 + 10 * i,
        cost: cents((units / 1000) * 12.5),
      });
      if (i === 3)
        addBad(
          [windowDay(2), ONLINE.vendor, ONLINE.placement, -3, 1000, '', 5, 12.5],
          /units_delivered: "-3" is negative/,
        );
      if (i === 6)
        addBad(
          [windowDay(2), ONLINE.vendor, ONLINE.placement, 2.5, 1000, '', 5, 12.5],
          /units_delivered: "2.5" is not a whole number/,
        );
    }
    for (let i = 0; i < 3; i++) {
      addGood({ date: windowDay(2 * i), ...OUTDOOR, units: 2, impressions: 45_000, cost: 1700 });
    }
    addBad([windowDay(3), '', OUTDOOR.placement, 2, 45000, '', '', 1700], /vendor: missing \(required\)/);
    for (let i = 0; i < 2; i++) addGood({ date: windowDay(i + 4), ...UNPLANNED, units: 4, cost: 800 });
    addBad(
      [windowDay(4), UNPLANNED.vendor, UNPLANNED.placement, 4, '', '', '', 'abc'],
      /cost: "abc" is not a number/,
    );
    csvLines.push(`${windowDay(5)},${TV.vendor},${TV.placement},2`);
    expectedRejects.push({ line: csvLines.length, reason: /missing columns/ });
    const monitoringCsv = `${csvLines.join('\r\n')}\r\n`;

    // ---- HTTP ----

    const call = async (
      method: string,
      path: string,
      token?: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; headers: Headers; body: Json }> => {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: Json = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    };

    /** The answer, or a failure naming the call, the status and the problem detail. */
    const ok = async (status: number, method: string, path: string, token?: string, body?: unknown) => {
      const res = await call(method, path, token, body);
      if (res.status !== status) {
        throw new Error(`${method} ${path} → ${res.status}, expected ${status}: ${JSON.stringify(res.body)}`);
      }
      return res.body;
    };

    /** The last lines the local system printed (for failure messages). */
    const serverTail = (lines = 40) =>
      (running?.output() ?? '')
        .split('Ctrl-C stops everything.')
        .at(-1)!
        .split('\n')
        .filter((l) => l.trim())
        .slice(-lines)
        .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l))
        .join('\n');

    /** Polls `read` until `done` holds; fails with what it saw last and the server's last lines. */
    async function until<T>(
      what: string,
      read: () => Promise<T>,
      done: (value: T) => boolean,
      timeoutMs = 20_000,
      intervalMs = 100,
    ): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      let last: T | undefined;
      let error: unknown;
      while (Date.now() < deadline) {
        try {
          last = await read();
          error = undefined;
          if (done(last)) return last;
        } catch (e) {
          error = e;
        }
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}.\nLast seen: ${
          error instanceof Error ? error.message : JSON.stringify(last)?.slice(0, 2000)
        }\n--- npm start, last lines ---\n${serverTail()}`,
      );
    }

    const mark = (label: string) => {
      timings.push([label, Date.now() - stepStarted]);
      stepStarted = Date.now();
    };

    // ---- The inbox ----

    interface Mail {
      to: string[];
      subject: string;
      text: string;
      html: string;
    }
    const mails = async (): Promise<Mail[]> => {
      const store = (await (await fetch(new URL('store', inbox))).json()) as { emails: Json[] };
      return store.emails.map((e) => ({
        to: [e.destination?.to ?? []].flat(),
        subject: String(e.subject ?? ''),
        text: String(e.body?.text ?? ''),
        html: String(e.body?.html ?? ''),
      }));
    };
    const mailsTo = async (address: string) => (await mails()).filter((m) => m.to.includes(address));
    const approvalLinkPattern = /https?:\/\/[^\s"<>]+\/approve\/[A-Za-z0-9_-]{43}/g;

    /** A new approval link to `address` in an email about this campaign (not one of `seen`). */
    async function newApprovalLink(address: string, about: string, seen: Set<string>): Promise<string> {
      const links = await until(
        `an approval email to ${address} about "${about}"`,
        async () =>
          (await mailsTo(address))
            .filter((m) => m.subject.includes(campaignName) && m.subject.includes(about))
            .flatMap((m) => m.text.match(approvalLinkPattern) ?? [])
            .filter((l) => !seen.has(l)),
        (found) => found.length > 0,
      );
      expect(links, 'exactly one new approval link').toHaveLength(1);
      seen.add(links[0]!);
      return links[0]!;
    }

    // ---- The sign-off steps ----

    const planSteps = async (planId: string): Promise<Json[]> =>
      (await ok(200, 'GET', `/media-plans/${planId}/approvals`, tokens.ae)).reviews.at(-1)?.steps ?? [];

    async function waitForPlanStep(planId: string, stepNo: number, stage: string) {
      const steps = await until(
        `step ${stepNo} (${stage}) of the review of plan ${planId} to be pending and notified`,
        () => planSteps(planId),
        (s) => s.some((x) => x.stepNo === stepNo && x.status === 'pending' && x.notifiedAt),
      );
      const step = steps.find((x) => x.stepNo === stepNo)!;
      expect(step.stage).toBe(stage);
      return step;
    }

    const versionOf = (planId: string, n: number) =>
      ok(200, 'GET', `/media-plans/${planId}/versions/${n}`, tokens.ae);

    /** Starts the review of version 1, and the AD approves it internally; answers the client step. */
    async function reviewAndApproveInternally(planId: string, version: Json) {
      const review = await ok(
        201,
        'POST',
        `/media-plans/${planId}/versions/${version.number}/reviews`,
        tokens.ae,
        {
          message: 'For your approval.',
        },
      );
      expect(review).toMatchObject({ subjectType: 'media_plan', subjectId: planId });
      const internal = await waitForPlanStep(planId, 1, 'internal');
      expect(internal.file.sha256).toBe(version.document.sha256);
      const approval = await until(
        `the AD's pending approval of plan ${planId}`,
        async () =>
          ((await ok(200, 'GET', '/approvals?assignee=me&status=pending', tokens.ad)).items as Json[]).find(
            (a) => a.planId === planId,
          ),
        (a) => a !== undefined,
      );
      await ok(200, 'POST', `/approvals/${approval.approvalId}/decision`, tokens.ad, {
        decision: 'approve',
        comment: 'Approved internally.',
      });
      const client = await waitForPlanStep(planId, 2, 'client');
      expect(client.file.sha256).toBe(version.document.sha256);
      expect((await versionOf(planId, version.number)).status).toBe('in_review');
      return client;
    }

    async function waitConfirmed(planId: string, n: number) {
      return until(
        `version ${n} of plan ${planId} to be confirmed`,
        () => versionOf(planId, n),
        (v) => v.status === 'confirmed',
      );
    }

    /** Uploads bytes with a presigned POST (the fields, then the file). */
    async function upload(
      presigned: { url: string; fields: Record<string, string> },
      bytes: Uint8Array,
      type: string,
    ) {
      const form = new FormData();
      for (const [name, value] of Object.entries(presigned.fields)) form.append(name, value);
      form.append('file', new Blob([bytes], { type }), 'file');
      const res = await fetch(presigned.url, { method: 'POST', body: form });
      if (res.status >= 300) throw new Error(`upload → ${res.status}: ${await res.text()}`);
    }

    // ---- Start ----

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'account-desk-e2e-media-'));
      for (const name of ['console', 'api', 'dynamodb', 's3', 'ses']) ports[name] = await freePort();
      // The defaults the issue states (report due flight end + 7 days, to the account team only).
      const inherited = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('POST_CAMPAIGN_REPORT_')),
      );
      const env: NodeJS.ProcessEnv = {
        ...inherited,
        AD_DATA_DIR: dataDir,
        AD_CONSOLE_PORT: String(ports.console),
        AD_API_PORT: String(ports.api),
        AD_DYNAMODB_PORT: String(ports.dynamodb),
        AD_S3_PORT: String(ports.s3),
        AD_SES_PORT: String(ports.ses),
      };
      // Both at once; each kept as soon as it is up, so afterAll stops whatever did start.
      const outcomes = await Promise.allSettled([
        start(env, ['--fresh']).then((r) => (running = r)),
        launchBrowser().then((b) => (browser = b)),
      ]);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
      if (!running) throw new Error('npm start did not start');
      const stack = JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as {
        apiUrl: string;
        inboxUrl: string;
        endpoints: Record<string, string>;
      };
      api = stack.apiUrl;
      inbox = stack.inboxUrl;
      sfnUrl = stack.endpoints.stepfunctions ?? '';
      schedulerUrl = stack.endpoints.scheduler ?? '';
      expect(api).toBe(`http://127.0.0.1:${ports.api}`);
      expect(sfnUrl, 'the Step Functions endpoint in stack.json').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(schedulerUrl, 'the scheduler endpoint in stack.json').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const key of ['ae', 'ad', 'am', 'media', 'head', 'gad', 'aae', 'rep', 'traffic', 'creative']) {
        tokens[key] = printedToken(running.output(), `${key}@agency.example`);
      }
      mark('npm start --fresh + Chromium');
    });

    afterAll(async () => {
      await browser?.close();
      if (running && running.child.exitCode === null) await stop(running);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (timings.length > 0) {
        console.log(
          `[media e2e] ${timings.map(([label, ms]) => `${label} ${(ms / 1000).toFixed(1)} s`).join('; ')}`,
        );
      }
    });

    // Shared across the steps (each step checks what it needs).
    let clientId = '';
    let contact: Json;
    let campaign: Json;
    let masterPlan: Json;
    let schedulePlanId = '';
    const bookings: Json[] = [];
    const seenLinks = new Set<string>();
    let userAgent = '';

    it('opens a media campaign with its brief on the demo media job', async () => {
      const clients = (await ok(200, 'GET', '/clients', tokens.ae)).items as Json[];
      expect(clients).toHaveLength(1);
      clientId = clients[0].clientId;
      const contacts = (await ok(200, 'GET', `/clients/${clientId}/contacts`, tokens.ae)).items as Json[];
      contact = contacts.find((c) => c.approves.includes('media'));
      expect(contact, 'a demo contact who approves media').toMatchObject({
        email: 'sofia.lindqvist@northwind.example',
        approves: ['creative', 'estimate', 'media'],
      });
      const jobs = (await ok(200, 'GET', `/jobs?clientId=${clientId}`, tokens.ae)).items as Json[];
      const job = jobs.find((j) => j.type === 'media');
      expect(job, 'the demo media job').toBeDefined();

      campaign = await ok(201, 'POST', `/jobs/${job.jobId}/media-campaigns`, tokens.ae, {
        name: campaignName,
        flightStart,
        flightEnd,
        budget,
        kpis,
        brief: {
          objective: 'Make Northwind Cold Brew the commuter’s summer drink.',
          targetAudience: 'Students and commuters 18–30.',
          markets: ['National'],
          channelsConsidered: ['tv', 'online', 'outdoor'],
          mandatories: 'Logo end frame on every TV spot.',
          budget,
          timing: `${flightStart} to ${flightEnd}`,
        },
      });
      expect(campaign).toMatchObject({
        clientId,
        jobId: job.jobId,
        flightStart,
        flightEnd,
        briefVersion: 1,
        stage: 'recommendation',
        reportDueOn: addDays(flightEnd, 7),
      });
      expect(campaign.lastReportAt).toBeUndefined();
      mark('campaign');
    });

    it('recommendation: the AD approves internally, the client approves in Chromium through the emailed link', async () => {
      expect(campaign, 'the campaign of the first step').toBeDefined();
      const created = await ok(201, 'POST', `/media-campaigns/${campaign.campaignId}/plans`, tokens.ae, {
        kind: 'recommendation',
        lines: asSent(masterLines),
        notes: 'TV for reach, online for clicks, outdoor around the metro.',
      });
      const { plan, version } = created;
      expect(version).toMatchObject({ number: 1, status: 'draft', briefVersion: 1 });
      expect(version.lines.map((l: Json) => l.cost)).toEqual(masterLines.map((l) => usd(costOf(l))));
      expect(version.totalCost).toEqual(usd(sum(masterLines, costOf)));

      await reviewAndApproveInternally(plan.planId, version);
      const link = await newApprovalLink(
        contact.email,
        'Approval requested: Media recommendation',
        seenLinks,
      );
      expect(link.startsWith(`http://127.0.0.1:${ports.console}/approve/`)).toBe(true);

      // The client's mail reader: the inbox in Chromium, the email's HTML view, its link opened in a new window.
      const context: BrowserContext = await browser!.newContext();
      try {
        const inboxPage = await context.newPage();
        await inboxPage.goto(inbox);
        userAgent = await inboxPage.evaluate<string>('navigator.userAgent');
        const emails = inboxPage.locator('.email').filter({ hasText: contact.email });
        let index = -1;
        await until(
          `the inbox page in Chromium to show the email with ${link}`,
          async () => {
            const count = await emails.count();
            for (let i = 0; i < count; i++) {
              const frame = emails.nth(i).locator('iframe').contentFrame();
              if ((await frame.locator(`a[href="${link}"]`).count()) > 0) return i;
            }
            return -1;
          },
          (i) => {
            index = i;
            return i >= 0;
          },
          20_000,
          250,
        );
        const email = emails.nth(index);
        await email.getByRole('button', { name: 'Toggle HTML view' }).click();
        const anchor = email
          .locator('iframe')
          .contentFrame()
          .getByRole('link', { name: 'Review and decide' });
        expect(await anchor.getAttribute('href')).toBe(link);
        const [page] = await Promise.all([
          context.waitForEvent('page'),
          anchor.click({ modifiers: ['Shift'] }),
        ]);
        await page.waitForLoadState();
        expect(page.url()).toBe(link);
        expect(await page.locator('h1').textContent()).toContain('asks for your approval');
        const content = await page.content();
        expect(content).toContain(version.document.sha256); // exactly this version
        expect(content).toContain(campaignName);
        await page.check('input[name="decision"][value="approve"]');
        await page.fill('textarea#comment', 'Go ahead with the recommendation.');
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === page.url()),
          page.getByRole('button', { name: 'Submit decision' }).click(),
        ]);
        expect(response.status()).toBe(200);
        await page.waitForLoadState();
        expect(await page.locator('h1').textContent()).toBe('Decision recorded');
      } finally {
        await context.close();
      }

      const confirmed = await waitConfirmed(plan.planId, 1);
      expect(confirmed.confirmation).toMatchObject({ via: 'link', contactId: contact.contactId });
      const chain = await ok(200, 'GET', `/media-plans/${plan.planId}/approvals`, tokens.ae);
      const evidence = chain.reviews.at(-1).evidence as Json[];
      expect(evidence.map((e) => `${e.stage}:${e.decision}:${e.via}`)).toEqual([
        'internal:approve:api',
        'client:approve:link',
      ]);
      expect(evidence[1]).toMatchObject({ userAgent, file: { sha256: version.document.sha256 } });
      expect(userAgent).toMatch(/HeadlessChrome|Chrome/);
      mark('recommendation (Chromium)');
    });

    it('master plan: the AD approves internally, the client’s signed PDF is uploaded as written confirmation', async () => {
      expect(campaign, 'the campaign of the first step').toBeDefined();
      const created = await ok(201, 'POST', `/media-campaigns/${campaign.campaignId}/plans`, tokens.ae, {
        kind: 'master_plan',
        lines: asSent(masterLines),
      });
      masterPlan = created.plan;
      const { version } = created;
      expect(version.lines.map((l: Json) => l.cost)).toEqual(masterLines.map((l) => usd(costOf(l))));
      await reviewAndApproveInternally(masterPlan.planId, version);

      const path = `/media-plans/${masterPlan.planId}/versions/1/written-confirmations`;
      const requested = await ok(201, 'POST', path, tokens.ae, {
        contactId: contact.contactId,
        file: { name: 'signed.pdf', contentType: 'application/pdf' },
      });
      await upload(requested.upload, signedPdf, 'application/pdf');
      const recorded = await ok(200, 'POST', `${path}/${requested.uploadId}/complete`, tokens.ae, {
        comment: 'Signed by the marketing director.',
      });
      const sha = sha256(signedPdf);
      expect(recorded).toMatchObject({ status: 'awaiting_countersign', document: { sha256: sha } });
      // It counts once the account director countersigns it.
      const countersigned = await ok(200, 'POST', `${path}/${requested.uploadId}/countersign`, tokens.ad, {
        decision: 'countersign',
      });
      expect(countersigned).toMatchObject({ status: 'countersigned', evidenceId: expect.any(String) });

      const confirmed = await waitConfirmed(masterPlan.planId, 1);
      expect(confirmed.confirmation).toMatchObject({
        via: 'written',
        contactId: contact.contactId,
        document: { sha256: sha, contentType: 'application/pdf' },
      });
      mark('master plan (written)');
    });

    it('monthly schedule: confirmed through its link; its lines are booked; superseded and unconfirmed versions are refused', async () => {
      expect(masterPlan, 'the master plan of the step before').toBeDefined();
      const { campaignId } = campaign;
      const created = await ok(201, 'POST', `/media-campaigns/${campaignId}/plans`, tokens.ae, {
        kind: 'monthly_schedule',
        month,
        lines: asSent(scheduleLines),
      });
      schedulePlanId = created.plan.planId;
      const { version } = created;
      expect(version).toMatchObject({ kind: 'monthly_schedule', month, number: 1 });
      expect(version.lines.map((l: Json) => l.lineId)).toEqual(['L001', 'L002', 'L003']);

      const early = await call('POST', `/media-campaigns/${campaignId}/bookings`, tokens.ae, {
        planId: schedulePlanId,
        version: 1,
        lineIds: ['L001'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('plan_version_not_confirmed');

      await reviewAndApproveInternally(schedulePlanId, version);
      // This time the client's approval goes through the link over plain HTTP (the form the page posts).
      const link = await newApprovalLink(
        contact.email,
        `Approval requested: Monthly media schedule ${month}`,
        seenLinks,
      );
      const page = await fetch(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      const hidden = Object.fromEntries(
        [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
      );
      const posted = await fetch(link, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(link).origin },
        body: new URLSearchParams({ ...hidden, decision: 'approve' }).toString(),
      });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain('Decision recorded');
      const confirmed = await waitConfirmed(schedulePlanId, 1);
      expect(confirmed.confirmation).toMatchObject({ via: 'link', contactId: contact.contactId });

      // One insertion order per vendor: TV and online are booked, outdoor is not — by the demo's
      // media person, who is on the demo team (docs/workflows.md: who books must be on the team).
      for (const lineId of ['L001', 'L002']) {
        const booked = await ok(201, 'POST', `/media-campaigns/${campaignId}/bookings`, tokens.media, {
          planId: schedulePlanId,
          version: 1,
          lineIds: [lineId],
          vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
        });
        const line = scheduleLines[Number(lineId.slice(1)) - 1]!;
        expect(booked).toMatchObject({
          planId: schedulePlanId,
          planVersion: 1,
          vendor: line.vendor,
          status: 'requested',
          totalCost: usd(costOf(line)),
        });
        expect(booked.insertionOrder.sha256).toMatch(/^[0-9a-f]{64}$/);
        bookings.push(booked);
      }
      await until(
        'the media chain to move the campaign to booking',
        () => ok(200, 'GET', `/media-campaigns/${campaignId}`, tokens.ae),
        (c) => c.stage === 'booking',
      );

      // A change after confirmation is a new version: v1 is superseded, v2 is not confirmed.
      await ok(201, 'POST', `/media-campaigns/${campaignId}/plans`, tokens.ae, {
        kind: 'monthly_schedule',
        month,
        lines: asSent([scheduleLines[0]!, { ...scheduleLines[1]!, units: 1_600_000 }, scheduleLines[2]!]),
      });
      const superseded = await call('POST', `/media-campaigns/${campaignId}/bookings`, tokens.ae, {
        planId: schedulePlanId,
        version: 1,
        lineIds: ['L003'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      });
      expect(superseded.status, JSON.stringify(superseded.body)).toBe(409);
      expect(superseded.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(superseded.body).toMatchObject({
        code: 'plan_version_superseded',
        type: 'urn:account-desk:problem:plan_version_superseded',
      });
      const unconfirmed = await call('POST', `/media-campaigns/${campaignId}/bookings`, tokens.ae, {
        planId: schedulePlanId,
        version: 2,
        lineIds: ['L003'],
        vendorContact: { name: 'Vera Vendor', email: 'bookings@vendor.example' },
      });
      expect(unconfirmed.status, JSON.stringify(unconfirmed.body)).toBe(409);
      expect(unconfirmed.body.code).toBe('plan_version_not_confirmed');
      const listed = (await ok(200, 'GET', `/media-campaigns/${campaignId}/bookings`, tokens.ae))
        .items as Json[];
      expect(listed.map((b) => b.bookingId).sort()).toEqual(bookings.map((b) => b.bookingId).sort());
      mark('schedule, bookings, refusals');
    });

    it('imports a monitoring CSV: good rows stored, bad rows listed with their line numbers and reasons', async () => {
      expect(bookings, 'the bookings of the step before').toHaveLength(2);
      const { campaignId } = campaign;
      const created = await ok(201, 'POST', `/media-campaigns/${campaignId}/monitoring-imports`, tokens.ae, {
        fileName: 'vendor-report.csv',
      });
      expect(created.status).toBe('awaiting_upload');
      await upload(created.upload, new TextEncoder().encode(monitoringCsv), 'text/csv');
      let done = await ok(
        200,
        'POST',
        `/media-campaigns/${campaignId}/monitoring-imports/${created.importId}/complete`,
        tokens.ae,
      );
      for (let i = 0; done.status === 'importing' && i < 20; i++) {
        done = await ok(
          200,
          'POST',
          `/media-campaigns/${campaignId}/monitoring-imports/${created.importId}/complete`,
          tokens.ae,
        );
      }
      const matched = goodRows.filter((r) => r.vendor === TV.vendor || r.vendor === ONLINE.vendor).length;
      expect(done).toMatchObject({
        status: 'completed',
        rowsTotal: goodRows.length + expectedRejects.length,
        rowsStored: goodRows.length,
        rowsRejected: expectedRejects.length,
        rowsMatched: matched,
      });
      expect((done.rejects as Json[]).map((r) => r.line)).toEqual(expectedRejects.map((r) => r.line));
      for (const [i, reject] of (done.rejects as Json[]).entries()) {
        expect(reject.reasons.join('; '), `reasons of line ${reject.line}`).toMatch(
          expectedRejects[i]!.reason,
        );
      }

      // Rows no booking matches (outdoor was planned but not booked; the other placement was neither).
      const discrepancies = (await ok(200, 'GET', `/media-campaigns/${campaignId}/discrepancies`, tokens.ae))
        .items as Json[];
      const unbooked = discrepancies.filter((d) => d.type === 'unbooked_delivery');
      expect(unbooked.map((d) => d.detail).join('\n')).toMatch(/ClearView/);
      expect(unbooked.map((d) => d.detail).join('\n')).toMatch(/Metro Ads/);
      expect(unbooked).toHaveLength(2);
      mark('monitoring import');
    });

    it('the clock passes flight end + 7 days: the daily schedule generates the report, stored in S3 and emailed', async () => {
      expect(campaign, 'the campaign of the first step').toBeDefined();
      const { campaignId } = campaign;
      const due: string = campaign.reportDueOn;
      const dueRunAt = Date.parse(`${due}T02:00:00Z`); // post-campaign-reports: cron(0 2 * * ? *), UTC
      const scheduler = async () => (await (await fetch(schedulerUrl)).json()) as Json;
      const runs = async () =>
        ((await (await fetch(`${schedulerUrl}/_local/runs`)).json()) as { runs: Json[] }).runs.filter(
          (r) => r.job === 'post-campaign-reports',
        );
      const schedule = (await scheduler()).schedules.find((s: Json) => s.job === 'post-campaign-reports');
      expect(schedule, 'the post-campaign-reports schedule runs locally').toMatchObject({ enabled: true });
      expect(schedule.nextFireTime, schedule.notScheduled).toBeTruthy();

      /** Advances the shared clock (the Step Functions endpoint) to `atMs` plus a little. */
      const advanceTo = async (atMs: number) => {
        const now = Date.parse((await scheduler()).now);
        const advanceMs = Math.max(0, atMs - now + 5 * 60_000);
        const res = await fetch(`${sfnUrl}/_local/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advanceMs }),
        });
        expect(res.status).toBe(200);
      };
      const runOf = (dayMsValue: number) =>
        until(
          `the post-campaign-reports run due ${new Date(dayMsValue).toISOString()}`,
          runs,
          (list) => list.some((r) => Date.parse(r.scheduledTime) === dayMsValue),
          60_000,
          200,
        ).then((list) => list.find((r) => Date.parse(r.scheduledTime) === dayMsValue)!);
      const reports = async () =>
        (await ok(200, 'GET', `/media-campaigns/${campaignId}/reports`, tokens.ae)).items as Json[];

      // The day before it is due: the job runs and leaves the campaign alone.
      await advanceTo(dueRunAt - DAY_MS);
      const before = await runOf(dueRunAt - DAY_MS);
      expect(before.status, JSON.stringify(before.error)).toBe('succeeded');
      expect(await reports()).toEqual([]);

      // The due day.
      await advanceTo(dueRunAt);
      const run = await runOf(dueRunAt);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      expect(run.result).toMatchObject({ job: 'post-campaign-reports', summary: { generated: 1 } });
      const list = await reports();
      expect(list).toHaveLength(1);
      const [report] = list;
      expect(report.links).toMatchObject({
        html: expect.stringContaining(`/reports/${report.reportId}.html`),
        csv: expect.stringContaining(`/reports/${report.reportId}.csv`),
        expiresAt: expect.any(String),
      });
      expect(report).toMatchObject({
        campaignId,
        clientId,
        trigger: 'scheduled',
        final: true,
        generatedBy: 'scheduler',
        plan: { planId: masterPlan.planId, version: 1, confirmed: true },
        deliveryRows: goodRows.length,
      });
      expect((await ok(200, 'GET', `/media-campaigns/${campaignId}`, tokens.ae)).lastReportAt).toBe(
        report.generatedAt,
      );

      // In S3: the presigned links of the list open exactly the stored documents.
      const html = await fetch(report.links.html);
      expect(html.status).toBe(200);
      const htmlText = await html.text();
      expect(sha256(htmlText)).toBe(report.html.sha256);
      expect(htmlText).toContain(`Post-campaign analysis — ${campaignName}`);
      expect(htmlText.match(/<svg /g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      const csv = await fetch(report.links.csv);
      expect(csv.status).toBe(200);
      const csvText = await csv.text();
      expect(sha256(csvText)).toBe(report.csv.sha256);
      expect(report.html.objectKey).toBe(
        `clients/${clientId}/media/${campaignId}/reports/${report.reportId}.html`,
      );
      expect(report.csv.objectKey).toBe(
        `clients/${clientId}/media/${campaignId}/reports/${report.reportId}.csv`,
      );

      // In the inbox: one email to each member of the account team, its links opening the same documents.
      const team = ['head', 'gad', 'ad', 'am', 'ae', 'aae', 'rep', 'traffic', 'creative'].map(
        (k) => `${k}@agency.example`,
      );
      const reportMails = async (address: string) =>
        (await mailsTo(address)).filter(
          (m) => m.subject.includes('Post-campaign analysis') && m.subject.includes(campaignName),
        );
      for (const address of team) {
        const got = await until(
          `the report email to ${address}`,
          () => reportMails(address),
          (m) => m.length > 0,
        );
        expect(got, `report emails to ${address}`).toHaveLength(1);
      }
      const [mail] = await reportMails('ae@agency.example');
      const mailedHtml = mail!.text.match(/Report \(HTML\): (\S+)/)?.[1];
      const mailedCsv = mail!.text.match(/Data \(CSV\): (\S+)/)?.[1];
      expect(mailedHtml, 'the HTML link in the email').toBeTruthy();
      expect(mailedCsv, 'the CSV link in the email').toBeTruthy();
      expect(sha256(await (await fetch(mailedHtml!)).text())).toBe(report.html.sha256);
      expect(sha256(await (await fetch(mailedCsv!)).text())).toBe(report.csv.sha256);
      expect(mail!.text).toContain(`/media-campaigns/${campaignId}/reports`);

      // The numbers: planned vs booked vs delivered vs billed per line, KPI results — calculated here.
      const table = parseCsv(csvText);
      expect(table[0]).toEqual([
        'section',
        'subject',
        'channel',
        'vendor',
        'placement',
        'date',
        'metric',
        'value',
      ]);
      const cell = (section: string, where: (r: string[]) => boolean, metric: string) => {
        const found = table.filter((r) => r[0] === section && where(r) && r[6] === metric);
        expect(found, `one CSV row ${section}/${metric}`).toHaveLength(1);
        return found[0]![7]!;
      };
      const num = (section: string, where: (r: string[]) => boolean, metric: string) =>
        Number(cell(section, where, metric));
      const expectAmount = (actual: number, expected: number, label: string) =>
        expect(
          Math.abs(actual - cents(expected)),
          `${label}: ${actual} vs ${cents(expected)}`,
        ).toBeLessThanOrEqual(0.011);

      const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
      const sameSlot = (a: { vendor: string; placement: string }, b: { vendor: string; placement: string }) =>
        norm(a.vendor) === norm(b.vendor) && norm(a.placement) === norm(b.placement);
      const booked = bookings.flatMap((b) => b.lines as Json[]);
      const expectedLines = [TV, ONLINE, OUTDOOR, UNPLANNED].map((slot) => {
        const planned = masterLines.filter((l) => sameSlot(l, slot));
        const bookedLines = scheduleLines.filter(
          (l, i) => sameSlot(l, slot) && booked.some((b) => b.lineId === `L00${i + 1}`),
        );
        const rows = goodRows.filter((r) => sameSlot(r, slot));
        const bookedUnits = sum(bookedLines, (l) => l.units);
        const bookedCost = sum(bookedLines, costOf);
        const plannedUnits = sum(planned, (l) => l.units);
        const plannedCost = sum(planned, costOf);
        // Delivered value: units at the booked unit price, else the planned one, else what was billed.
        const unitPrice =
          bookedUnits > 0
            ? bookedCost / bookedUnits
            : plannedUnits > 0
              ? plannedCost / plannedUnits
              : undefined;
        const unitType = planned[0]?.unitType;
        const impressions = sum(rows, (r) => r.impressions ?? (unitType === 'impressions' ? r.units : 0));
        const billed = sum(rows, (r) => r.cost);
        return {
          slot,
          planned_units: plannedUnits,
          planned_cost: plannedCost,
          planned_impressions: sum(planned, plannedImpressionsOf),
          planned_clicks: sum(planned, (l) => l.kpiContribution?.clicks ?? 0),
          booked_units: bookedUnits,
          booked_cost: bookedCost,
          delivered_units: sum(rows, (r) => r.units),
          delivered_value: unitPrice === undefined ? billed : sum(rows, (r) => r.units * unitPrice),
          billed_cost: billed,
          delivered_impressions: impressions,
          delivered_clicks: sum(rows, (r) => r.clicks ?? 0),
          delivered_audience: sum(rows, (r) => r.audience ?? 0),
          monitoring_rows: rows.length,
        };
      });
      const metrics = Object.keys(expectedLines[0]!).filter(
        (k) => k !== 'slot',
      ) as (keyof (typeof expectedLines)[0])[];
      for (const line of expectedLines) {
        const isLine = (r: string[]) => r[3] === line.slot.vendor && r[4] === line.slot.placement;
        expect(
          cell('line', isLine, 'planned_units'),
          `${line.slot.vendor} is a line of the report`,
        ).toBeDefined();
        expect(table.find((r) => r[0] === 'line' && isLine(r))?.[2], `channel of ${line.slot.vendor}`).toBe(
          line.slot.channel,
        );
        for (const metric of metrics) {
          expectAmount(num('line', isLine, metric), line[metric] as number, `${line.slot.vendor} ${metric}`);
        }
        // CPM only for lines bought per thousand impressions.
        const boughtPerThousand = masterLines.find((l) => sameSlot(l, line.slot))?.unitType === 'impressions';
        if (boughtPerThousand && line.delivered_impressions > 0) {
          expectAmount(
            num('line', isLine, 'cpm_billed'),
            (line.billed_cost / line.delivered_impressions) * 1000,
            `${line.slot.vendor} cpm_billed`,
          );
        } else {
          expect(table.filter((r) => r[0] === 'line' && isLine(r) && r[6] === 'cpm_billed')).toEqual([]);
        }
      }
      expect(table.filter((r) => r[0] === 'line').map((r) => r[3])).toEqual(
        expect.arrayContaining([TV.vendor, ONLINE.vendor, OUTDOOR.vendor, UNPLANNED.vendor]),
      );
      expect(new Set(table.filter((r) => r[0] === 'line').map((r) => `${r[3]}|${r[4]}`)).size).toBe(4);

      // Totals: the lines summed — units only within one unit (spots, insertions, impressions
      // bought), never across; the record says the same.
      const total = (metric: string) => num('total', () => true, metric);
      const unitMetrics = ['planned_units', 'booked_units', 'delivered_units'];
      const totals = Object.fromEntries(
        metrics.map((m) => [m, sum(expectedLines, (l) => l[m] as number)]),
      ) as Record<string, number>;
      for (const metric of metrics.filter((m) => !unitMetrics.includes(m)))
        expectAmount(total(metric), totals[metric]!, `total ${metric}`);
      for (const metric of unitMetrics) {
        expect(
          table.filter((r) => r[0] === 'total' && r[6] === metric),
          `no total ${metric}`,
        ).toEqual([]);
      }
      for (const unitType of ['spots', 'impressions', 'insertions']) {
        const ofType = expectedLines.filter(
          (l) => masterLines.find((m) => sameSlot(m, l.slot))?.unitType === unitType,
        );
        for (const metric of unitMetrics) {
          expectAmount(
            total(`${metric}_${unitType}`),
            sum(ofType, (l) => l[metric as 'planned_units'] as number),
            `total ${metric}_${unitType}`,
          );
        }
      }
      expect(total('budget')).toBe(100_000);
      expect(totals.planned_cost).toBe(93_000);
      expect(totals.booked_cost).toBe(45_000 + 18_750);
      expect(report.totals).toEqual({
        budget,
        planned: usd(totals.planned_cost!),
        booked: usd(totals.booked_cost!),
        delivered: usd(total('delivered_value')),
        billed: usd(totals.billed_cost!),
        deliveredImpressions: totals.delivered_impressions,
        deliveredClicks: totals.delivered_clicks,
      });
      expectAmount(report.totals.delivered.amountMinor / 100, totals.delivered_value!, 'record delivered');

      // KPI results against the targets: reach is the audience summed; GRPs are not in monitoring data.
      const actualOf: Record<string, number | undefined> = {
        impressions: totals.delivered_impressions,
        clicks: totals.delivered_clicks,
        reach: totals.delivered_audience,
        grps: undefined,
      };
      const plannedOf: Record<string, number> = {
        impressions: totals.planned_impressions!,
        clicks: totals.planned_clicks!,
        reach: 0,
        grps: 0,
      };
      const expectedKpis = kpis.map(({ metric, target }) => {
        const actual = actualOf[metric];
        if (actual === undefined)
          return { metric, target, planned: plannedOf[metric], status: 'not_measured' };
        const percentOfTarget = Math.round((actual / target) * 1000) / 10;
        const status = percentOfTarget >= 100 ? 'met' : percentOfTarget >= 90 ? 'close' : 'missed';
        return { metric, target, planned: plannedOf[metric], actual, percentOfTarget, status };
      });
      expect(report.kpis).toEqual(expectedKpis);
      // The data was chosen so that every outcome shows: one KPI met, one close, one missed, one not measured.
      expect(expectedKpis.map((k) => k.status).sort()).toEqual(['close', 'met', 'missed', 'not_measured']);
      for (const k of expectedKpis) {
        const isKpi = (r: string[]) => r[1] === k.metric;
        expect(num('kpi', isKpi, 'target')).toBe(k.target);
        expect(num('kpi', isKpi, 'planned')).toBe(k.planned);
        expect(cell('kpi', isKpi, 'delivered')).toBe(k.actual === undefined ? '' : String(k.actual));
        expect(cell('kpi', isKpi, 'percent_of_target')).toBe(
          k.percentOfTarget === undefined ? '' : String(k.percentOfTarget),
        );
        expect(cell('kpi', isKpi, 'status')).toBe(k.status);
      }

      // Pacing over the flight: every row is inside it, so the last day holds everything.
      const lastDay = (metric: string) => num('pacing', (r) => r[5] === flightEnd, metric);
      expect(table.filter((r) => r[0] === 'pacing' && r[6] === 'billed_cost')).toHaveLength(
        (dayMs(flightEnd) - dayMs(flightStart)) / DAY_MS + 1,
      );
      expectAmount(lastDay('billed_cost'), totals.billed_cost!, 'pacing billed on the last day');
      expectAmount(lastDay('planned_cost'), totals.planned_cost!, 'pacing planned on the last day');
      expectAmount(lastDay('delivered_value'), totals.delivered_value!, 'pacing delivered on the last day');
      expect(table.some((r) => r[0] === 'outside_flight')).toBe(false);

      // Discrepancies as they stood, and a summary derived from the numbers.
      const discrepancies = (await ok(200, 'GET', `/media-campaigns/${campaignId}/discrepancies`, tokens.ae))
        .items as Json[];
      const reported = new Set(table.filter((r) => r[0] === 'discrepancy').map((r) => r[1]));
      expect([...reported].sort()).toEqual(discrepancies.map((d) => d.discrepancyId).sort());
      for (const d of discrepancies) {
        expect(cell('discrepancy', (r) => r[1] === d.discrepancyId, 'type')).toBe(d.type);
      }
      expect(report.summary.didNotWork).toContain(
        `1 placement(s) delivered outside the plan and the bookings, billed ${new Intl.NumberFormat('en', {
          style: 'currency',
          currency: 'USD',
        }).format(
          sum(
            goodRows.filter((r) => r.vendor === UNPLANNED.vendor),
            (r) => r.cost,
          ),
        )}.`,
      );
      expect(table.filter((r) => r[0] === 'summary').map((r) => r[7])).toEqual([
        ...report.summary.worked,
        ...report.summary.didNotWork,
      ]);
      mark('clock → scheduled report');

      // The next day's run has nothing left to do: still one report, one email each.
      await advanceTo(dueRunAt + DAY_MS);
      const next = await runOf(dueRunAt + DAY_MS);
      expect(next.status, JSON.stringify(next.error)).toBe('succeeded');
      expect(next.result).toMatchObject({ summary: { generated: 0 } });
      expect(await reports()).toHaveLength(1);
      for (const address of team)
        expect(await reportMails(address), `report emails to ${address}`).toHaveLength(1);
      mark('next day: nothing more');
    });
  },
);
