import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, request } from 'node:http';
import { format } from 'node:util';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { buildEvent, type HttpRoute } from '../../infra/local/http-api.js';
import { lambdaContext } from '../../infra/local/lambda.js';
import { badTokenLimit, linkUseLimit } from '../../shared/platform/link-tokens.js';
import { counterKey } from '../../shared/platform/rate-limit.js';
import { hashToken } from '../../shared/signoff/approval-links.js';
import { renewalLimit } from '../../shared/signoff/decisions.js';
import { ApprovalLink, StepToken } from '../../shared/signoff/entities.js';
import { api, apiUrl, inboxUrl } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { png } from '../support/media-samples.js';
import * as rv from '../support/reviews.js';
import { documents, tableName } from '../support/table.js';

/**
 * The emailed approval link under attack, against the local stack: guessed and tampered
 * tokens, an expired link, the per-address throttle, link scanners that open every URL of an
 * email, forged and replayed form posts, 50 simultaneous submissions, a link of an older
 * version, a link pointed at another client's approval — and the workflow's task tokens,
 * which must never leave the table and Step Functions.
 *
 * The local HTTP API takes the source IP from the socket (it ignores X-Forwarded-For, as API
 * Gateway's sourceIp does), so requests that must count as different addresses are sent from
 * different loopback addresses (127.x.y.z all reach 127.0.0.1 on Linux, where the whole /8 is on
 * `lo`). Bad tokens are never sent from 127.0.0.1 itself: the throttle would then refuse every
 * link to the other test files of the run for 15 minutes.
 *
 * Logs: the handlers behind the HTTP API run in Vitest's main process (the global setup), whose
 * output a test cannot read. So the token-handling code paths (a staff decision and a link
 * decision that settle a step and resume the workflow with its task token) are also run here,
 * in this process, with its stdout/stderr and console captured.
 */

// ---------------------------------------------------------------------------------------------
// HTTP as a client on any loopback address, with exactly the headers given
// ---------------------------------------------------------------------------------------------

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<RawResponse> {
  const target = new URL(url);
  const headers: Record<string, string | number> = { ...options.headers };
  if (options.body !== undefined) headers['content-length'] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers,
        localAddress: options.from,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const hiddenFields = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );

/** GETs the link's page; its form's hidden fields (nonce, approvalId) when it is open. */
async function openPage(link: string, headers: Record<string, string> = {}, from?: string) {
  const res = await send(link, {
    headers: { 'user-agent': 'Mozilla/5.0 (test) Chrome/130', ...headers },
    from,
  });
  return { ...res, hidden: hiddenFields(res.text) };
}

/** Posts the page's form; `origin` as a browser on the page would send it unless headers say otherwise. */
function postForm(
  link: string,
  fields: Record<string, string>,
  headers?: Record<string, string>,
  from?: string,
) {
  return send(link, {
    method: 'POST',
    headers: headers ?? {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(link).origin,
      'user-agent': 'Mozilla/5.0 (test) Chrome/130',
    },
    body: new URLSearchParams(fields).toString(),
    from,
  });
}

const formHeaders = (extra: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  'user-agent': 'Mozilla/5.0 (test) Chrome/130',
  ...extra,
});

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const linkWith = (link: string, token: string) => `${link.slice(0, link.lastIndexOf('/') + 1)}${token}`;

/** Runs `tasks` with at most `width` at a time; results in order. */
async function pooled<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// The table and the local Step Functions
// ---------------------------------------------------------------------------------------------

async function linkItem(token: string): Promise<fx.Json> {
  const out = await documents().send(
    new GetCommand({ TableName: tableName(), Key: ApprovalLink.key(hashToken(token)) }),
  );
  return out.Item;
}

async function scanAll(filter: { expression: string; values: Record<string, unknown> }): Promise<fx.Json[]> {
  const items: fx.Json[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documents().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: filter.expression,
        ExpressionAttributeValues: filter.values,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const sfn = new SFNClient({});

async function executionArn(reviewId: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: process.env.REVIEW_STATE_MACHINE_ARN,
        maxResults: 1000,
        nextToken,
      }),
    );
    const found = page.executions?.find((e) => e.name === reviewId);
    if (found?.executionArn) return found.executionArn;
    nextToken = page.nextToken;
  } while (nextToken);
  throw new Error(`No execution named ${reviewId}`);
}

// biome-ignore lint/suspicious/noExplicitAny: history events as the API returns them
async function history(reviewId: string): Promise<any[]> {
  const arn = await executionArn(reviewId);
  const events = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: arn,
        maxResults: 1000,
        nextToken,
        includeExecutionData: true,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** What the workflow did so far: callback tasks resumed, states entered by name. */
async function workflowCounts(reviewId: string) {
  const events = await history(reviewId);
  const entered = (name: string) =>
    events.filter((e) => e.type === 'TaskStateEntered' && e.stateEnteredEventDetails?.name === name).length;
  return {
    events: events.length,
    resumed: events.filter(
      (e) =>
        e.type === 'TaskSucceeded' && e.taskSucceededEventDetails?.resource === 'invoke.waitForTaskToken',
    ).length,
    advance: entered('Advance'),
    awaitDecision: entered('AwaitDecision'),
  };
}

// ---------------------------------------------------------------------------------------------
// The handlers in this process (so that their logs can be read)
// ---------------------------------------------------------------------------------------------

const inProcessFunction = {
  logicalId: 'InProcess',
  functionName: 'in-process',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:in-process',
  entry: '',
  exportName: 'handler',
  environment: {},
  timeoutSeconds: 30,
  memoryMb: 128,
};

function eventFor(
  route: Omit<HttpRoute, 'routeKey' | 'authorizationType' | 'functionLogicalId'>,
  input: {
    path: string;
    pathParameters: Record<string, string>;
    headers: Record<string, string>;
    body?: string;
    token?: string;
  },
) {
  return buildEvent({
    method: route.method,
    rawUrl: input.path,
    rawHeaders: Object.entries(input.headers).flat(),
    body: Buffer.from(input.body ?? ''),
    sourceIp: '203.0.113.50',
    protocol: 'HTTP/1.1',
    route: {
      ...route,
      routeKey: `${route.method} ${route.path}`,
      authorizationType: input.token ? 'JWT' : 'NONE',
      functionLogicalId: 'InProcess',
    },
    pathParameters: input.pathParameters,
    claims: input.token ? decodeJwt(input.token) : undefined,
    apiId: 'local',
    domainName: new URL(apiUrl()).host,
  });
}

const context = (): Context => lambdaContext(inProcessFunction);

/** The approval page's handler, called here (GET or POST of a link). */
async function pageInProcess(method: 'GET' | 'POST', link: string, fields?: Record<string, string>) {
  const { handler } = await import('../../functions/approval-page/handler.js');
  const token = tokenOf(link);
  const event = eventFor(
    { method, path: '/approve/{token}' },
    {
      path: `/approve/${token}`,
      pathParameters: { token },
      headers: fields
        ? formHeaders({ origin: new URL(link).origin, 'user-agent': 'InProcess/1.0' })
        : { 'user-agent': 'InProcess/1.0' },
      body: fields ? new URLSearchParams(fields).toString() : undefined,
    },
  );
  const out = (await handler(event, context())) as APIGatewayProxyStructuredResultV2;
  return {
    status: out.statusCode,
    html: String(out.body ?? ''),
    hidden: hiddenFields(String(out.body ?? '')),
  };
}

/** The reviews API's handler, called here: a staff decision. */
async function decideInProcess(by: fx.Person, approvalId: string, decision: string) {
  const { handler } = await import('../../functions/reviews/handler.js');
  const event = eventFor(
    { method: 'POST', path: '/approvals/{approvalId}/decision' },
    {
      path: `/approvals/${approvalId}/decision`,
      pathParameters: { approvalId },
      headers: { 'content-type': 'application/json', 'user-agent': 'InProcess/1.0' },
      body: JSON.stringify({ decision }),
      token: by.token,
    },
  );
  type Args = Parameters<typeof handler>;
  const out = (await handler(event as Args[0], context() as Args[1])) as APIGatewayProxyStructuredResultV2;
  return { status: out.statusCode, body: JSON.parse(String(out.body)) };
}

/** Everything this process writes to stdout/stderr or through `console` while installed. */
function captureOutput() {
  const lines: string[] = [];
  const originals = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
      return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
    return { stream, write };
  });
  const spies: MockInstance[] = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
    vi.spyOn(console, m),
  );
  return {
    text: () => [...lines, ...spies.flatMap((s) => s.mock.calls.map((args) => format(...args)))].join('\n'),
    restore: () => {
      for (const { stream, write } of originals) stream.write = write;
      for (const spy of spies) spy.mockRestore();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A review at the client's step
// ---------------------------------------------------------------------------------------------

interface AtClient {
  s: rv.ReviewSetup;
  reviewId: string;
  /** The client's approval links of the client step, by contact. */
  links: string[];
  approvals: fx.Json[];
}

async function toClientStep(options: {
  agency: fx.Agency;
  kind: string;
  approvers: number;
}): Promise<AtClient> {
  const s = await rv.reviewReady(options);
  const review = await rv.startReview(s.agency.ae, s.draftId, 1);
  await rv.waitForStep(s.agency.ae, s.draftId, 1);
  for (const who of [s.agency.am, s.agency.ad]) {
    const approval = await rv.pendingApproval(who, s.draftId);
    fx.expectStatus(await rv.decide(who, approval.approvalId, 'approve'), 200, 'internal approval');
  }
  const step = await rv.waitForStep(s.agency.ae, s.draftId, 2);
  const links = await Promise.all(s.contacts.map((c: fx.Json) => rv.approvalLink(c.email, 1)));
  const chain = await rv.chain(s.agency.ae, s.draftId);
  const approvals = s.contacts.map((c: fx.Json) =>
    chain.reviews[0].approvals.find(
      (a: fx.Json) => a.stepNo === step.stepNo && a.assignee.contactId === c.contactId,
    ),
  );
  return { s, reviewId: review.reviewId, links, approvals };
}

/** Everything a decision or a workflow resume would change, page views apart. */
async function stateOf(flow: AtClient) {
  const review = (await rv.chain(flow.s.agency.ae, flow.s.draftId)).reviews[0];
  const links = await Promise.all(flow.links.map((l) => linkItem(tokenOf(l))));
  const mails = await Promise.all(flow.s.contacts.map((c: fx.Json) => rv.mailsTo(c.email)));
  return {
    state: {
      review: `${review.status}:${review.version}:${review.stepCount}`,
      steps: review.steps.map(
        (st: fx.Json) => `${st.stepNo}:${st.status}:${st.version}:${JSON.stringify(st.decisions)}`,
      ),
      approvals: review.approvals.map((a: fx.Json) => `${a.approvalId}:${a.status}:${a.version}`),
      evidence: review.evidence.length,
      linksUsed: links.map((l) => l?.usedAt ?? null),
      mails: mails.map((m) => m.length),
      workflowEvents: (await history(flow.reviewId)).length,
    },
    pageViews: review.pageViews as fx.Json[],
    review,
  };
}

const loopback = (a: number, b: number, c: number) => `127.${a}.${b}.${c}`;

/** Waits out the end of a throttle window, so that a count of bad tokens is not split across two. */
async function awayFromWindowEdge(seconds = 10, window = badTokenLimit.windowSeconds): Promise<void> {
  const into = (Date.now() / 1000) % window;
  if (into > window - seconds) {
    await new Promise((resolve) => setTimeout(resolve, (window - into + 0.5) * 1000));
  }
}

describe('approval links under attack', () => {
  let agency: fx.Agency;
  /** An artwork review at its client step, one approver. */
  let a: AtClient;
  /** A layout review of another client, two approvers (all must approve). */
  let b: AtClient;
  let output: ReturnType<typeof captureOutput>;
  /** Every URL seen in an approval page. */
  const pageUrls = new Set<string>();
  const collectUrls = (html: string) => {
    for (const m of html.matchAll(/(?:href|src|action)="([^"]+)"/g))
      pageUrls.add(m[1]!.replaceAll('&amp;', '&'));
  };

  beforeAll(async () => {
    output = captureOutput();
  });

  afterAll(() => {
    output?.restore();
  });

  it('brings two reviews of two clients to their client step (artwork, 1 approver; layout, 2)', async () => {
    agency = await fx.buildAgency();
    [a, b] = await Promise.all([
      toClientStep({ agency, kind: 'artwork', approvers: 1 }),
      toClientStep({ agency, kind: 'layout', approvers: 2 }),
    ]);
    expect(a.links).toHaveLength(1);
    expect(b.links).toHaveLength(2);
    expect(new Set([a.s.client.clientId, b.s.client.clientId]).size).toBe(2);
  }, 60_000);

  it('accepts 0 of 100 random tokens, 100 bit-flips of a real one and 1 expired link: 201 × the same 404 page', async () => {
    const real = tokenOf(a.links[0]!);
    const random = Array.from({ length: 100 }, () => randomBytes(32).toString('base64url'));
    const bits = [...Array(256).keys()].sort(() => Math.random() - 0.5).slice(0, 100);
    const flipped = bits.map((bit) => {
      const bytes = Buffer.from(real, 'base64url');
      bytes[bit >> 3]! ^= 1 << (bit & 7);
      return bytes.toString('base64url');
    });
    expect(new Set([...random, ...flipped]).size).toBe(200);
    expect(flipped).not.toContain(real);

    // An expired link: a copy of the real one (same approval, same file) whose time is up.
    const expired = randomBytes(32).toString('base64url');
    const original = await linkItem(real);
    await documents().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...original,
          ...ApprovalLink.key(hashToken(expired)),
          tokenHash: hashToken(expired),
          linkExpiresAt: new Date(Date.now() - 3600_000).toISOString(),
        },
      }),
    );

    // 10 tokens from each address (the throttle allows 20 per window and address).
    const tokens = [...random, ...flipped, expired];
    const perAddress = 10;
    const results: RawResponse[] = new Array(tokens.length);
    await Promise.all(
      Array.from({ length: Math.ceil(tokens.length / perAddress) }, async (_, group) => {
        for (let i = group * perAddress; i < Math.min(tokens.length, (group + 1) * perAddress); i++) {
          results[i] = await send(linkWith(a.links[0]!, tokens[i]!), { from: loopback(10, group, 1) });
        }
      }),
    );
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const bodies = new Set(results.map((r) => r.body.toString('base64')));
    const accepted = results.filter((r) => r.status < 400).length;
    console.log(
      `[links] ${random.length} random + ${flipped.length} bit-flipped + 1 expired: ${accepted} accepted, ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${bodies.size} distinct body (${results[0]!.body.length} bytes)`,
    );
    expect(accepted).toBe(0);
    expect(Object.fromEntries(statuses)).toEqual({ 404: 201 });
    expect(bodies.size).toBe(1);
    expect(
      new Set(results.map((r) => `${r.headers['content-type']}|${r.headers['content-length']}`)).size,
    ).toBe(1);
    expect(results[0]!.text).toContain('This link is not valid or has expired');

    // HEAD, and a decision posted to the expired link: the same answer as for an unknown token.
    const [headExpired, headUnknown] = await Promise.all([
      send(linkWith(a.links[0]!, expired), { method: 'HEAD', from: loopback(11, 0, 1) }),
      send(linkWith(a.links[0]!, random[0]!), { method: 'HEAD', from: loopback(11, 0, 2) }),
    ]);
    expect([headExpired.status, headExpired.body.length]).toEqual([404, 0]);
    expect([headUnknown.status, headUnknown.body.length]).toEqual([404, 0]);
    const nonce = (await openPage(a.links[0]!)).hidden.nonce!;
    const postExpired = await postForm(
      linkWith(a.links[0]!, expired),
      { intent: 'decide', decision: 'approve', nonce, approvalId: a.approvals[0].approvalId },
      undefined,
      loopback(11, 0, 3),
    );
    expect(postExpired.status).toBe(404);
    expect(postExpired.body.equals(results[0]!.body)).toBe(true);

    const { state } = await stateOf(a);
    expect(state.evidence).toBe(2); // the two internal approvals only
    expect(state.steps.at(-1)).toMatch(/^2:pending:/);
  }, 60_000);

  it(`throttles bad tokens per address (the ${badTokenLimit.limit + 1}st gets 429), never a valid link from it`, async () => {
    await awayFromWindowEdge();
    const from = loopback(20, 0, 1);
    const statuses: number[] = [];
    for (let i = 0; i < badTokenLimit.limit + 1; i++) {
      const res = await send(linkWith(a.links[0]!, randomBytes(32).toString('base64url')), { from });
      statuses.push(res.status);
    }
    const valid = await send(a.links[0]!, { from });
    const validHead = await send(a.links[0]!, { method: 'HEAD', from });
    const nonce = (await openPage(a.links[0]!, {}, from)).hidden.nonce;
    const otherAddress = await send(a.links[0]!, { method: 'HEAD', from: loopback(20, 0, 2) });
    console.log(
      `[throttle] one address: bad tokens 1-${badTokenLimit.limit} → ${[...new Set(statuses.slice(0, badTokenLimit.limit))].join(',')}, ` +
        `#${badTokenLimit.limit + 1} → ${statuses[badTokenLimit.limit]}; then the valid link from the same address: GET ${valid.status}, HEAD ${validHead.status}; another address: ${otherAddress.status}`,
    );
    expect(statuses.slice(0, badTokenLimit.limit)).toEqual(Array(badTokenLimit.limit).fill(404));
    expect(statuses[badTokenLimit.limit]).toBe(429);
    // The guesser's address is refused bad tokens only: the real link still opens from it.
    expect(valid.status).toBe(200);
    expect(validHead.status).toBe(200);
    expect(nonce).toBeTruthy();
    expect(otherAddress.status).toBe(200);
    const refused = await send(linkWith(a.links[0]!, randomBytes(32).toString('base64url')), { from });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers).toMatchObject({
      'ratelimit-limit': String(badTokenLimit.limit),
      'ratelimit-remaining': '0',
      'ratelimit-reset': refused.headers['retry-after'],
    });
    const { state } = await stateOf(a);
    expect(state.evidence).toBe(2);
  });

  it(`throttles each valid link on its own: past ${linkUseLimit.limit} opens a window it answers 429 from every address`, async () => {
    await awayFromWindowEdge(10, linkUseLimit.windowSeconds);
    // A link of b's, opened (as scanners would) up to the limit: the counter is seeded there.
    const link = b.links[1]!;
    const key = counterKey(linkUseLimit, hashToken(tokenOf(link)));
    await documents().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key,
          itemType: 'rateCounter',
          count: linkUseLimit.limit - 1,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );
    const last = await send(link, { method: 'HEAD', from: loopback(21, 0, 1) });
    const over = await send(link, { method: 'HEAD', from: loopback(21, 0, 2) });
    const overGet = await send(link, { from: loopback(21, 0, 3) });
    const otherLink = await send(b.links[0]!, { method: 'HEAD', from: loopback(21, 0, 2) });
    console.log(
      `[throttle] one link: open #${linkUseLimit.limit} → ${last.status}, #${linkUseLimit.limit + 1} → ${over.status}, from a third address → ${overGet.status}; the other link → ${otherLink.status}`,
    );
    expect(last.status).toBe(200);
    expect(over.status).toBe(429);
    expect(overGet.status).toBe(429);
    expect(overGet.text).toContain('opened too many times');
    expect(otherLink.status).toBe(200);
    await documents().send(
      new PutCommand({ TableName: tableName(), Item: { ...key, itemType: 'rateCounter', count: 0 } }),
    );
  });

  it(`sends at most ${renewalLimit.limit} fresh links an hour for one expired link, however many addresses ask`, async () => {
    const contact = a.s.contacts[0].email as string;
    const expired = randomBytes(32).toString('base64url');
    const original = await linkItem(tokenOf(a.links[0]!));
    await documents().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...original,
          ...ApprovalLink.key(hashToken(expired)),
          tokenHash: hashToken(expired),
          linkExpiresAt: new Date(Date.now() - 3600_000).toISOString(),
        },
      }),
    );
    const before = (await rv.mailsTo(contact)).length;
    const answers = await pooled(30, 5, (i) =>
      postForm(linkWith(a.links[0]!, expired), { intent: 'renew' }, formHeaders({}), loopback(22, i, 1)),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = (await rv.mailsTo(contact)).slice(before);
    console.log(
      `[renew] 30 requests from 30 addresses for one expired link: answers ${[...new Set(answers.map((r) => r.status))].join(',')}, fresh links emailed ${sent.length}`,
    );
    expect(answers.every((r) => r.status === 202)).toBe(true);
    expect(sent).toHaveLength(renewalLimit.limit);
  });

  it('lets 400 scanner GET/HEAD requests of a real link change nothing (0 decisions, 0 resumes; views logged)', async () => {
    const scanners = [
      'Mozilla/5.0 (compatible; Barracuda)',
      'Microsoft Office Existence Discovery',
      'Proofpoint URL Defense',
      'Mimecast',
      'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 SafeLinks',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'WhatsApp/2.23.20.0',
      'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)',
    ];
    const before = await stateOf(a);
    const link = a.links[0]!;
    const started = Date.now();
    const results = await pooled(400, 25, async (i) => {
      const method = i % 2 === 0 ? 'GET' : 'HEAD';
      const res = await send(link, {
        method,
        headers: { 'user-agent': scanners[i % scanners.length]!, accept: '*/*' },
      });
      if (i === 0) collectUrls(res.text);
      return { method, status: res.status, nonce: hiddenFields(res.text).nonce };
    });
    const after = await stateOf(a);
    const gets = results.filter((r) => r.method === 'GET').length;
    const newViews = after.pageViews.length - before.pageViews.length;
    console.log(
      `[scanners] ${results.length} requests (${gets} GET, ${results.length - gets} HEAD, ${scanners.length} user agents) ` +
        `in ${Date.now() - started} ms: statuses ${[...new Set(results.map((r) => r.status))].join(',')}; ` +
        `state changes ${JSON.stringify(after.state) === JSON.stringify(before.state) ? 0 : 'SOME'}, ` +
        `evidence ${after.review.evidence.length - before.review.evidence.length}, page views +${newViews}`,
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(after.state).toEqual(before.state);
    expect(after.review.steps.at(-1)).toMatchObject({ stepNo: 2, status: 'pending', decisions: {} });
    expect(after.review.approvals.find((x: fx.Json) => x.stepNo === 2)).toMatchObject({ status: 'pending' });
    expect((await linkItem(tokenOf(link))).usedAt).toBeUndefined();
    // Viewing is logged separately: one view a GET, none for HEAD.
    expect(newViews).toBe(gets);
    const scannerViews = after.pageViews.filter((v) => scanners.includes(v.userAgent));
    expect(scannerViews).toHaveLength(gets);
    expect(new Set(results.filter((r) => r.method === 'GET').map((r) => r.nonce)).size).toBe(gets);
  }, 120_000);

  it('refuses forged posts: no or foreign Origin/Referer 403, unknown/stale/foreign nonce 400, another client’s approval 403', async () => {
    const link = a.links[0]!;
    const before = [await stateOf(a), await stateOf(b)].map((x) => x.state);
    const fresh = async () => {
      const page = await openPage(link);
      collectUrls(page.text);
      return page.hidden;
    };
    const decide = (fields: Record<string, string>) => ({ intent: 'decide', decision: 'approve', ...fields });
    const cases: [string, () => Promise<RawResponse>, number][] = [
      ['no Origin, no Referer', async () => postForm(link, decide(await fresh()), formHeaders({})), 403],
      [
        'foreign Origin',
        async () => postForm(link, decide(await fresh()), formHeaders({ origin: 'https://evil.example' })),
        403,
      ],
      [
        'Origin null',
        async () => postForm(link, decide(await fresh()), formHeaders({ origin: 'null' })),
        403,
      ],
      [
        'same host, other port',
        async () => postForm(link, decide(await fresh()), formHeaders({ origin: 'http://127.0.0.1:1' })),
        403,
      ],
      [
        'foreign Referer, no Origin',
        async () =>
          postForm(link, decide(await fresh()), formHeaders({ referer: `https://evil.example/approve/x` })),
        403,
      ],
      [
        'unknown nonce',
        async () =>
          postForm(link, decide({ ...(await fresh()), nonce: randomBytes(18).toString('base64url') })),
        400,
      ],
      [
        'stale nonce (expired)',
        async () => {
          const nonce = randomBytes(18).toString('base64url');
          await documents().send(
            new PutCommand({
              TableName: tableName(),
              Item: {
                ...ApprovalLink.nonceKey(hashToken(tokenOf(link)), nonce),
                itemType: 'linkNonce',
                expiresAt: Math.floor(Date.now() / 1000) + 3600,
                validUntil: new Date(Date.now() - 1000).toISOString(),
              },
            }),
          );
          return postForm(link, decide({ ...(await fresh()), nonce }));
        },
        400,
      ],
      [
        'nonce of another link',
        async () => {
          const other = (await openPage(b.links[0]!)).hidden;
          return postForm(link, decide({ ...(await fresh()), nonce: other.nonce! }));
        },
        400,
      ],
      [
        'approvalId of another client’s approval',
        async () => postForm(link, decide({ ...(await fresh()), approvalId: b.approvals[0].approvalId })),
        403,
      ],
      [
        'another client’s link with this approvalId',
        async () => {
          const other = (await openPage(b.links[0]!)).hidden;
          return postForm(b.links[0]!, decide({ ...other, approvalId: a.approvals[0].approvalId }));
        },
        403,
      ],
      [
        'malformed form',
        async () =>
          postForm(link, { intent: 'decide', decision: 'approve_everything', nonce: 'x', approvalId: 'y' }),
        400,
      ],
    ];
    const outcomes: string[] = [];
    for (const [name, run, expected] of cases) {
      const res = await run();
      outcomes.push(`${name} ${res.status}`);
      expect(res.status, `${name}: ${res.text.slice(0, 400)}`).toBe(expected);
      expect(res.text).not.toContain('Decision recorded');
    }
    const after = [await stateOf(a), await stateOf(b)].map((x) => x.state);
    console.log(
      `[forged] ${cases.length} forged posts → ${outcomes.join('; ')}; recorded: ${
        JSON.stringify(after) === JSON.stringify(before) ? 0 : 'SOME'
      }`,
    );
    expect(after).toEqual(before);
    expect(after[0]!.evidence).toBe(2);
    expect(after[1]!.evidence).toBe(2);
  }, 60_000);

  it('records exactly 1 decision and resumes the workflow once for 50 parallel posts of one link', async () => {
    const link = a.links[0]!;
    const pages = await Promise.all(Array.from({ length: 50 }, () => openPage(link)));
    expect(new Set(pages.map((p) => p.hidden.nonce)).size).toBe(50);
    const before = await workflowCounts(a.reviewId);
    const mailsBefore = (await rv.mailsTo(a.s.contacts[0].email)).length;
    const results = await Promise.all(
      pages.map((p, i) =>
        postForm(link, { ...p.hidden, intent: 'decide', decision: 'approve', comment: `parallel #${i}` }),
      ),
    );
    const final = await rv.waitForStep(a.s.agency.ae, a.s.draftId, 3);
    expect(final.stage).toBe('final_artwork');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a second resume, were there one
    const after = await workflowCounts(a.reviewId);
    const review = (await rv.chain(a.s.agency.ae, a.s.draftId)).reviews[0];
    const clientEvidence = review.evidence.filter((e: fx.Json) => e.stage === 'client');
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const recorded = results.filter((r) => r.text.includes('Decision recorded')).length;
    const mails = (await rv.mailsTo(a.s.contacts[0].email)).slice(mailsBefore);
    console.log(
      `[parallel] 50 posts → statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${recorded} show "Decision recorded"; ` +
        `decisions ${clientEvidence.length} (${clientEvidence[0]?.comment}), workflow resumes ${after.resumed - before.resumed}, ` +
        `Advance runs ${after.advance - before.advance}, steps opened ${review.steps.length - 2}, new approval emails ${mails.length}`,
    );
    expect(clientEvidence).toHaveLength(1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 50 });
    expect(recorded).toBe(50);
    const winner = clientEvidence[0];
    expect(winner).toMatchObject({ decision: 'approve', via: 'link', file: { draftVersion: 1 } });
    // Every answer shows the one decision that was recorded.
    for (const r of results) expect(r.text).toContain(winner.comment);
    expect(review.approvals.find((x: fx.Json) => x.stepNo === 2)).toMatchObject({
      status: 'decided',
      comment: winner.comment,
    });
    expect(review.steps.map((st: fx.Json) => `${st.stepNo}:${st.stage}:${st.status}`)).toEqual([
      '1:internal:approved',
      '2:client:approved',
      '3:final_artwork:pending',
    ]);
    expect(after.resumed - before.resumed).toBe(1);
    expect(after.advance - before.advance).toBe(1);
    expect(after.awaitDecision - before.awaitDecision).toBe(1);
    // The final artwork step has its own subject, not the first client email's.
    expect(mails.filter((m) => m.subject.includes('] Final artwork approval requested: '))).toHaveLength(1);
    expect(mails.filter((m) => m.subject.includes('] Approval requested: '))).toHaveLength(0);
  }, 60_000);

  it('refuses the v1 links once v2 is under review: superseded or "decision recorded", 0 decisions on v2', async () => {
    const [c1, c2] = b.s.contacts;
    const [v1Link1, v1Link2] = b.links as [string, string];
    const page = await openPage(v1Link1);
    const changes = await postForm(v1Link1, {
      ...page.hidden,
      intent: 'decide',
      decision: 'request_changes',
      comment: 'Warmer colours.',
    });
    expect(changes.status).toBe(200);
    expect((await rv.waitForStep(b.s.agency.ae, b.s.draftId, 3)).stage).toBe('revision');

    await rv.nextVersion(b.s.agency.creative, b.s.draftId, png(1080, 1920));
    const internal = await rv.waitForStep(b.s.agency.ae, b.s.draftId, 4);
    expect(internal).toMatchObject({ stage: 'internal', file: { draftVersion: 2 } });
    // The AM's approval of v2 runs in this process: its resume of the workflow is under the log capture.
    const amApproval = await rv.pendingApproval(b.s.agency.am, b.s.draftId);
    const approved = await decideInProcess(b.s.agency.am, amApproval.approvalId, 'approve');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.stepSettled).toBe(true);
    const client = await rv.waitForStep(b.s.agency.ae, b.s.draftId, 5);
    expect(client).toMatchObject({ stage: 'client', file: { draftVersion: 2 }, status: 'pending' });
    await Promise.all([rv.approvalLink(c1.email, 2), rv.approvalLink(c2.email, 2)]);
    const v2ApprovalOfC2 = (await rv.chain(b.s.agency.ae, b.s.draftId)).reviews[0].approvals.find(
      (x: fx.Json) => x.stepNo === 5 && x.assignee.contactId === c2.contactId,
    );

    const used = await openPage(v1Link1);
    const unused = await openPage(v1Link2);
    const unusedHead = await send(v1Link2, { method: 'HEAD' });
    const postUsed = await postForm(v1Link1, {
      intent: 'decide',
      decision: 'approve',
      nonce: randomBytes(18).toString('base64url'),
      approvalId: b.approvals[0].approvalId,
    });
    const postUnused = await postForm(v1Link2, {
      intent: 'decide',
      decision: 'approve',
      nonce: randomBytes(18).toString('base64url'),
      approvalId: b.approvals[1].approvalId,
    });
    const postUnusedAtV2 = await postForm(v1Link2, {
      intent: 'decide',
      decision: 'approve',
      nonce: randomBytes(18).toString('base64url'),
      approvalId: v2ApprovalOfC2.approvalId,
    });
    for (const r of [used, unused, postUsed, postUnused]) collectUrls(r.text);
    const review = (await rv.chain(b.s.agency.ae, b.s.draftId)).reviews[0];
    const v2Decisions = review.evidence.filter(
      (e: fx.Json) => e.file.draftVersion === 2 && e.stage !== 'internal',
    );
    console.log(
      `[superseded] v1 links after v2: used link GET ${used.status} ("Decision recorded"), unused link GET ${unused.status} / HEAD ${unusedHead.status} (superseded), ` +
        `POSTs ${postUsed.status}, ${postUnused.status}, at a v2 approval ${postUnusedAtV2.status}; client decisions on v2: ${v2Decisions.length}`,
    );
    expect(used.status).toBe(200);
    expect(used.text).toContain('Decision recorded');
    expect(used.text).toContain('Warmer colours.');
    expect(unused.status).toBe(410);
    expect(unused.text).toContain('superseded');
    expect(unused.hidden.nonce).toBeUndefined();
    expect(unusedHead.status).toBe(410);
    expect(postUsed.status).toBe(200);
    expect(postUsed.text).toContain('Decision recorded');
    expect(postUnused.status).toBe(410);
    expect(postUnused.text).toContain('superseded');
    expect(postUnusedAtV2.status).toBe(403);
    expect(v2Decisions).toHaveLength(0);
    const step5 = review.steps.find((st: fx.Json) => st.stepNo === 5);
    expect(step5).toMatchObject({ status: 'pending', decisions: {} });
    expect(review.approvals.filter((x: fx.Json) => x.stepNo === 5).map((x: fx.Json) => x.status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(review.approvals.find((x: fx.Json) => x.approvalId === b.approvals[1].approvalId).status).toBe(
      'closed',
    );
  }, 60_000);

  it('takes the v2 decisions through the page handler in this process; the review releases v2', async () => {
    for (const contact of b.s.contacts) {
      const link = await rv.approvalLink(contact.email, 2);
      const page = await pageInProcess('GET', link);
      expect(page.status).toBe(200);
      collectUrls(page.html);
      const decided = await pageInProcess('POST', link, { ...page.hidden, decision: 'approve' });
      expect(decided.status, decided.html).toBe(200);
      expect(decided.html).toContain('Decision recorded');
    }
    const ended = await rv.waitForReview(b.s.agency.ae, b.s.draftId, 'released');
    expect(ended.releasedVersion).toBe(2);
    const evidence = (await rv.chain(b.s.agency.ae, b.s.draftId)).reviews[0].evidence;
    expect(evidence.filter((e: fx.Json) => e.userAgent === 'InProcess/1.0')).toHaveLength(3);
  });

  it('leaks 0 task tokens into emails, link and page URLs, API responses, the execution history or logs', async () => {
    // The artwork review runs to its end first (final artwork approved), so both histories are complete.
    const finalMail = (await rv.mailsTo(a.s.contacts[0].email)).find((m) =>
      m.subject.includes('Final artwork approval requested'),
    );
    const finalLink = finalMail!.text.match(rv.approvalLinkPattern)![0];
    const finalPage = await openPage(finalLink);
    collectUrls(finalPage.text);
    expect((await postForm(finalLink, { ...finalPage.hidden, decision: 'approve' })).status).toBe(200);
    expect((await rv.waitForReview(a.s.agency.ae, a.s.draftId, 'released')).releasedVersion).toBe(1);

    // The product's logger, once, through this capture: proves the capture sees its output.
    const { logger } = await import('../../functions/logger.js');
    logger.info('approval-security log capture canary');

    const items = await scanAll({ expression: 'itemType = :t', values: { ':t': StepToken.type } });
    const tokens = items.map((i) => i.taskToken as string);
    const mine = items.filter(
      (i) => i.SK.startsWith(`REVIEW#${a.reviewId}#`) || i.SK.startsWith(`REVIEW#${b.reviewId}#`),
    );
    expect(items.every((i) => String(i.SK).includes('#TOKEN#'))).toBe(true);
    expect(mine.length).toBeGreaterThanOrEqual(3 + 5);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens) expect(t.length).toBeGreaterThanOrEqual(64);

    const store = await (await fetch(new URL('store', inboxUrl()))).text();
    const mails = await rv.inbox();
    const urls = new Set([
      ...pageUrls,
      ...mails.flatMap((m) =>
        [...`${m.text}\n${m.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((x) => x[0]),
      ),
    ]);
    const apiBodies: string[] = [];
    for (const flow of [a, b]) {
      for (const path of [`/drafts/${flow.s.draftId}/approvals`, `/drafts/${flow.s.draftId}`]) {
        const res = await api('GET', path, { token: flow.s.agency.ae.token });
        fx.expectStatus(res, 200, path);
        apiBodies.push(JSON.stringify(res.body));
      }
    }
    const am = agency.am;
    for (const path of ['/approvals?assignee=me&status=all&limit=100']) {
      apiBodies.push(JSON.stringify((await api('GET', path, { token: am.token })).body));
    }
    const histories = [JSON.stringify(await history(a.reviewId)), JSON.stringify(await history(b.reviewId))];
    const logs = output.text();
    expect(logs).toContain('approval-security log capture canary');

    const haystacks: Record<string, string[]> = {
      'inbox store (every email, html and text)': [store],
      'URLs (links in emails, page links and previews)': [...urls],
      'API responses': apiBodies,
      'Step Functions execution history (inputs and outputs)': histories,
      'logs of this process (in-process handlers)': [logs],
    };
    const counts = Object.fromEntries(
      Object.entries(haystacks).map(([what, texts]) => [
        what,
        tokens.reduce(
          (n, t) => n + texts.filter((text) => text.includes(t) || text.includes(t.slice(0, 32))).length,
          0,
        ),
      ]),
    );
    console.log(
      `[tokens] ${tokens.length} task tokens (${mine.length} of these reviews) searched in ${mails.length} emails, ${urls.size} URLs, ` +
        `${apiBodies.length} API responses, ${histories.length} execution histories, ${logs.length} chars of logs → ${JSON.stringify(counts)}`,
    );
    expect(mails.length).toBeGreaterThan(10);
    expect(urls.size).toBeGreaterThan(5);
    for (const [what, count] of Object.entries(counts)) expect(count, what).toBe(0);
  });

  it('opens and decides nothing once its contact is deactivated (left the client) or may no longer approve', async () => {
    const c = await toClientStep({ agency, kind: 'layout', approvers: 2 });
    const pages = await Promise.all(c.links.map((link) => openPage(link)));
    expect(pages.map((p) => p.status)).toEqual([200, 200]);
    const [gone, revoked] = c.s.contacts;
    const patchContact = async (contact: fx.Json, body: fx.Json) =>
      fx.expectStatus(
        await api('PATCH', `/clients/${c.s.client.clientId}/contacts/${contact.contactId}`, {
          token: agency.ae.token,
          headers: { 'if-match': `"${contact.version}"` },
          body,
        }),
        200,
        'PATCH contact',
      );
    await patchContact(gone, { active: false });
    await patchContact(revoked, { approves: [] });
    for (const [i, link] of c.links.entries()) {
      expect((await openPage(link)).status).toBe(404);
      const posted = await postForm(link, { intent: 'decide', decision: 'approve', ...pages[i]!.hidden });
      expect(posted.status).toBe(404);
    }
    const approvals = (await rv.chain(agency.ae, c.s.draftId)).reviews[0].approvals.filter((x: fx.Json) =>
      c.approvals.some((mine) => mine.approvalId === x.approvalId),
    );
    expect(approvals.map((x: fx.Json) => x.status)).toEqual(['pending', 'pending']);
  }, 60_000);
});
