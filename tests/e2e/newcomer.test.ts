/**
 * A newcomer's first ten minutes, over HTTP: `npm start` exactly as the README says
 * (a child process, its own ports and `--data-dir`), the printed tokens, the demo data,
 * a job opened and moved on, `npm run token` and `npm run job` finding that stack by
 * themselves, Ctrl-C stopping everything, and a restart that still has the data — the
 * demo review waiting for the client included: its links decide it after the restart.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isListening, printedToken, type Running, start, stop } from '../support/local-process.js';

const root = new URL('../..', import.meta.url).pathname;

describe('a newcomer runs Account Desk locally', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'account-desk-e2e-'));
  const ports: Record<string, number> = {};
  let env: NodeJS.ProcessEnv;
  let running: Running | undefined;
  let api: string;

  const call = async (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    for (const name of ['console', 'api', 'dynamodb', 's3', 'ses']) ports[name] = await freePort();
    // The data dir by flag, not AD_DATA_DIR: the companion commands must find the stack anyway.
    const { AD_DATA_DIR: _chosen, ...inherited } = process.env;
    env = {
      ...inherited,
      AD_CONSOLE_PORT: String(ports.console),
      AD_API_PORT: String(ports.api),
      AD_DYNAMODB_PORT: String(ports.dynamodb),
      AD_S3_PORT: String(ports.s3),
      AD_SES_PORT: String(ports.ses),
    };
    api = `http://127.0.0.1:${ports.api}`;
    running = await start(env, ['--fresh', '--data-dir', dataDir]);
  });

  afterAll(async () => {
    if (running && running.child.exitCode === null) await stop(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  let jobId = '';

  it('prints the API and inbox URLs and tokens for the demo staff', () => {
    const output = running!.output();
    expect(output).toContain(`http://127.0.0.1:${ports.api}`);
    expect(output).toContain(`http://127.0.0.1:${ports.ses}`);
    for (const email of ['head@agency.example', 'ae@agency.example', 'rep@agency.example']) {
      expect(printedToken(output, email)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('walks the demo data and opens a job as the account executive', async () => {
    const ae = printedToken(running!.output(), 'ae@agency.example');
    expect((await call('GET', '/openapi.json')).body.openapi).toBe('3.1.0');
    expect((await call('GET', '/me', ae)).body.role).toBe('account_executive');

    const clients = (await call('GET', '/clients', ae)).body.items;
    expect(clients).toHaveLength(1);
    const client = clients[0];
    expect(client.intakeCompleteness.complete).toBe(true);
    const contacts = (await call('GET', `/clients/${client.clientId}/contacts`, ae)).body.items;
    expect(new Set(contacts.map((c: { level: string }) => c.level))).toEqual(
      new Set(['senior', 'middle', 'brand']),
    );
    const brands = (await call('GET', `/clients/${client.clientId}/brands`, ae)).body.items;
    expect(brands).toHaveLength(2);
    const team = (await call('GET', `/clients/${client.clientId}/team`, ae)).body;
    expect(team.members.length).toBeGreaterThanOrEqual(8);
    const existing = (await call('GET', `/jobs?clientId=${client.clientId}`, ae)).body.items;
    expect(existing.length).toBeGreaterThanOrEqual(2);

    const opened = await call('POST', '/jobs', ae, {
      clientId: client.clientId,
      brandId: brands[0].brandId,
      title: 'Spring relaunch key visual',
      type: 'creative',
    });
    expect(opened.status).toBe(201);
    const year = new Date().getUTCFullYear();
    expect(opened.body.jobNumber).toBe(
      `${client.code}-${year}-${String(existing.length + 1).padStart(4, '0')}`,
    );
    jobId = opened.body.jobId;

    const moved = await call(
      'PATCH',
      `/jobs/${jobId}`,
      ae,
      { status: 'in_progress' },
      { 'if-match': opened.headers.get('etag')! },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.statusHistory.map((h: { to: string }) => h.to)).toEqual(['open', 'in_progress']);

    const activity = (await call('GET', `/clients/${client.clientId}/activity?limit=5`, ae)).body.items;
    expect(activity[0]).toMatchObject({
      action: 'job.status_changed',
      entityId: jobId,
      beforeVersion: 1,
      afterVersion: 2,
    });

    const rep = printedToken(running!.output(), 'rep@agency.example');
    expect(
      (await call('PATCH', `/jobs/${jobId}`, rep, { status: 'on_hold' }, { 'if-match': '"2"' })).status,
    ).toBe(403);
  });

  it('finds the demo layout’s approval email in the inbox, and its link opens the approval page', async () => {
    const inbox = `http://127.0.0.1:${ports.ses}`;
    let link: string | undefined;
    for (let attempt = 0; attempt < 200 && !link; attempt++) {
      const store = (await (await fetch(`${inbox}/store`)).json()) as {
        emails: { body: { text: string } }[];
      };
      link = store.emails
        .map((e) => /http:\/\/127\.0\.0\.1:\d+\/approve\/[\w-]{43}/.exec(e.body.text)?.[0])
        .find(Boolean);
      if (!link) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Approval links are on the console's origin, which sends /approve on to the API.
    expect(link?.startsWith(`http://127.0.0.1:${ports.console}/approve/`)).toBe(true);
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Spring relaunch — press layout');
  });

  it('mints a token with npm run token and runs a job with npm run job, both finding the stack by themselves', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', 'am@agency.example'], {
      cwd: root,
      env,
    });
    const me = await call('GET', '/me', stdout.trim());
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('am@agency.example');
    const job = await promisify(execFile)('npm', ['run', '-s', 'job', '--', 'material-warnings'], {
      cwd: root,
      env,
    });
    expect(JSON.parse(job.stdout)).toMatchObject({ job: 'material-warnings' });
    // The banner says how they find it.
    expect(running!.output()).toContain('npm run token / npm run job find this stack by themselves');
  });

  it('stops every process on Ctrl-C and keeps the data — a review under way and the inbox included — for the next start', async () => {
    const sentBefore = await approvalLinks(2);
    expect(await stop(running!)).toBe(0);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);

    running = await start(env, ['--data-dir', dataDir]);
    // The emails sent before the restart are still in the inbox, links and all.
    const links = await approvalLinks(2);
    expect(links).toEqual(sentBefore);
    const ae = printedToken(running.output(), 'ae@agency.example');
    const job = await call('GET', `/jobs/${jobId}`, ae);
    expect(job.status).toBe(200);
    expect(job.body.status).toBe('in_progress');

    // The demo review's workflow continued where it waited: both client approvers decide with
    // the links emailed before the restart, and the layout is released to production.
    for (const link of links) {
      const page = await fetch(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      const hidden = Object.fromEntries(
        [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]),
      );
      const decided = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(link).origin },
        body: new URLSearchParams({ ...hidden, decision: 'approve' }).toString(),
      });
      expect(decided.status).toBe(200);
      expect(await decided.text()).toContain('Decision recorded');
    }
    const draftId = await demoDraftId(ae);
    let status = '';
    for (let attempt = 0; attempt < 300 && status !== 'released'; attempt++) {
      status = (await call('GET', `/drafts/${draftId}/approvals`, ae)).body.reviews.at(-1).status;
      if (status !== 'released') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('released');
    expect(running.output()).toMatch(/resumed at AwaitDecision \(waiting for its task token\)/);
  });

  /** The approval links in the inbox (the demo layout's two client approvers). */
  async function approvalLinks(count: number): Promise<string[]> {
    const inbox = `http://127.0.0.1:${ports.ses}`;
    let links: string[] = [];
    for (let attempt = 0; attempt < 200 && links.length < count; attempt++) {
      const store = (await (await fetch(`${inbox}/store`)).json()) as {
        emails: { body: { text: string } }[];
      };
      links = store.emails.flatMap(
        (e) => e.body.text.match(/http:\/\/127\.0\.0\.1:\d+\/approve\/[\w-]{43}/g) ?? [],
      );
      if (links.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(links).toHaveLength(count);
    return links;
  }

  /** The demo layout's draft: the one draft of the demo jobs with a review. */
  async function demoDraftId(token: string): Promise<string> {
    const jobs = (await call('GET', '/jobs', token)).body.items as { jobId: string }[];
    for (const { jobId: id } of jobs) {
      const drafts = (await call('GET', `/jobs/${id}/drafts`, token)).body.items as { draftId: string }[];
      if (drafts?.length) return drafts[0]!.draftId;
    }
    throw new Error('No demo draft');
  }
});
