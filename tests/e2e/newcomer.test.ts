/**
 * A newcomer's first ten minutes, over HTTP: `npm start` exactly as the README says
 * (a child process, its own ports and data folder), the printed tokens, the demo data,
 * a job opened and moved on, `npm run token`, Ctrl-C stopping everything, and a restart
 * that still has the data.
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
    env = {
      ...process.env,
      AD_DATA_DIR: dataDir,
      AD_CONSOLE_PORT: String(ports.console),
      AD_API_PORT: String(ports.api),
      AD_DYNAMODB_PORT: String(ports.dynamodb),
      AD_S3_PORT: String(ports.s3),
      AD_SES_PORT: String(ports.ses),
    };
    api = `http://127.0.0.1:${ports.api}`;
    running = await start(env, ['--fresh']);
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

  it('mints a token with npm run token', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'token', '--', 'am@agency.example'], {
      cwd: root,
      env,
    });
    const me = await call('GET', '/me', stdout.trim());
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('am@agency.example');
  });

  it('stops every process on Ctrl-C and keeps the data for the next start', async () => {
    expect(await stop(running!)).toBe(0);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);

    running = await start(env);
    const ae = printedToken(running.output(), 'ae@agency.example');
    const job = await call('GET', `/jobs/${jobId}`, ae);
    expect(job.status).toBe(200);
    expect(job.body.status).toBe('in_progress');
  });
});
