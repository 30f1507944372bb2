/**
 * A scheduled job within its time budget, on a local stack of its own: the scheduled-jobs function
 * of the synthesized template, given a budget of a fraction of a second per invocation (its timeout
 * and `JOB_TIME_RESERVE_MS` set in the template copy), reports on every due campaign by handing the
 * rest of the run to new invocations of itself through the Lambda Invoke API — segment after
 * segment, none over its time, every campaign reported once. The count is bounded here
 * (`AD_TEST_DUE_CAMPAIGNS`, default 24); the same test with 500 shows the case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_METADATA_KEY } from '../../infra/build-app.js';
import { JOB_TIME_RESERVE_ENV, SCHEDULED_JOBS_ENTRY } from '../../infra/constructs/schedules.js';
import { synthesizeTemplate } from '../../infra/local/cdk-template.js';
import type { LocalLambdaInfo } from '../../infra/local/lambda-service.js';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: API answers
type Json = any;

const DUE = Number(process.env.AD_TEST_DUE_CAMPAIGNS ?? 24);
const TIMEOUT_SECONDS = 3;
const BUDGET_MS = 150;

let stack: LocalStack;
let head: string;
const saved = { ...process.env };

async function call(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${head}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  const template = await synthesizeTemplate();
  const jobs = Object.values(template.Resources).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.[ENTRY_METADATA_KEY] === SCHEDULED_JOBS_ENTRY,
  )!;
  const props = jobs.Properties as Json;
  props.Timeout = TIMEOUT_SECONDS;
  props.Environment.Variables[JOB_TIME_RESERVE_ENV] = String(TIMEOUT_SECONDS * 1000 - BUDGET_MS);
  // Hundreds of segments: their info lines would bury the test's output.
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  stack = await startLocalStack({ template, persist: false, seed: true, log: () => {} });
  head = stack.demoTokens['head@agency.example']!;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  // The stack pointed this process's SDK settings at its emulators: give the shared stack's back.
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe('the scheduled-jobs function within its time budget', () => {
  it(`reports on ${DUE} due campaigns in segments that each stay within their time`, {
    timeout: 600_000,
  }, async () => {
    const client = (await call('GET', '/clients')).items[0];
    const job = (await call('GET', `/jobs?clientId=${client.clientId}&limit=1`)).items[0];
    const campaignIds: string[] = [];
    for (let i = 0; i < DUE; i++) {
      const campaign = await call('POST', `/jobs/${job.jobId}/media-campaigns`, {
        name: `Spring flight ${i + 1}`,
        flightStart: '2027-03-01',
        flightEnd: '2027-04-30',
        budget: { amountMinor: 10_000_000, currency: 'USD' },
        kpis: [{ metric: 'impressions', target: 1000000 }],
      });
      campaignIds.push(campaign.campaignId);
    }

    // The 02:00 run of a day when all of them are due, as the schedule would start it.
    const run = await fetch(`${stack.endpoints.scheduler}/_local/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job: 'post-campaign-reports', scheduledTime: '2027-07-01T02:00:00Z' }),
    });
    expect(run.status).toBe(200);
    const first = (await run.json()) as Json;
    expect(first.result).toMatchObject({ segment: 1, continued: true });

    const lambda = stack.services.lambda as unknown as LocalLambdaInfo;
    const segments = () => lambda.invocations.filter((i) => i.logicalId.startsWith('SchedulesFunction'));
    await expect
      .poll(() => segments().find((s) => (s.result as Json)?.continued === false)?.status, {
        timeout: 540_000,
        interval: 250,
      })
      .toBe('succeeded');
    await lambda.idle();

    // Continued: many segments, none failed or over its time, the last one counting every campaign.
    const all = segments();
    expect(all.length).toBeGreaterThan(2);
    expect(all.every((s) => s.status === 'succeeded' && s.attempts === 1)).toBe(true);
    expect(Math.max(...all.map((s) => s.durationMs ?? Number.POSITIVE_INFINITY))).toBeLessThan(
      TIMEOUT_SECONDS * 1000,
    );
    const last = all.at(-1)!.result as Json;
    expect(last).toMatchObject({ continued: false, segment: all.length + 1 });
    expect(last.summary.generated).toBe(DUE);

    // Every campaign has exactly one report, and none is due any more.
    for (const campaignId of campaignIds) {
      const reports = await call('GET', `/media-campaigns/${campaignId}/reports`);
      expect(reports.items, campaignId).toHaveLength(1);
    }
    const again = await fetch(`${stack.endpoints.scheduler}/_local/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ job: 'post-campaign-reports', scheduledTime: '2027-07-02T02:00:00Z' }),
    });
    expect(((await again.json()) as Json).result).toMatchObject({
      segment: 1,
      continued: false,
      summary: { generated: 0, skipped: 0 },
    });
  });
});
