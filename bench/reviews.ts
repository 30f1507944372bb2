/**
 * Sign-off benchmarks against the local stack (no vitest here: plain fetch and polling).
 *
 * - Decision → next approver's email: the latency from the staff decision that settles a
 *   review's internal step (POST /approvals/{approvalId}/decision) until the client contact's
 *   approval email (with its /approve/<token> link) is in the local SES inbox. It spans the
 *   API call, SendTaskSuccess, the workflow's Advance → Route → AwaitDecision and the email.
 * - State transitions per human step: from the execution history (GetExecutionHistory), the
 *   states entered between one wait for a decision (the callback task) and the next, for a
 *   whole review (internal → client → final artwork → released). Standard workflows are billed
 *   per state transition.
 */
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { envNames } from '../shared/platform/config.js';
import { png } from '../tests/support/media-samples.js';

// biome-ignore lint/suspicious/noExplicitAny: API bodies, read field by field
type Json = any;

export interface ReviewBenchOptions {
  apiUrl: string;
  /** The local SES inbox (`<endpoint>/`); its store is `<inboxUrl>store`. */
  inboxUrl: string;
  /** Demo staff tokens by email (the seeded stack's `demoTokens`). */
  tokens: Record<string, string>;
  reviews: number;
  warmup: number;
  /** Inbox polling interval (ms): the resolution of the email latency. */
  pollMs?: number;
}

export interface StepTransitions {
  /** `start`, or the stage of the step whose decision the segment follows. */
  after: string;
  /** What the segment ends in: the next step's stage, or `end`. */
  until: string;
  transitions: number;
  states: string[];
}

export interface ReviewBenchResult {
  reviews: number;
  warmup: number;
  pollMs: number;
  /** Settling decision POST → client approval email in the inbox (ms), one per measured review. */
  emailLatencies: number[];
  /** The settling decision POST's own round trip (ms). */
  decisionLatencies: number[];
  /** Per-step transitions of the first measured review. */
  steps: StepTransitions[];
  /** How many measured reviews had exactly that pattern (all, unless a retry or a deadline intervened). */
  samePattern: number;
}

interface Person {
  staffId: string;
  email: string;
  role: string;
  token: string;
}

const APPROVAL_LINK = /https?:\/\/[^\s"<>]+\/approve\/[A-Za-z0-9_-]{43}/g;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomCode = () =>
  Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');

async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  intervalMs = 20,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export async function benchReviews(options: ReviewBenchOptions): Promise<ReviewBenchResult> {
  const pollMs = options.pollMs ?? 2;
  const call = async (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Json> => {
    const res = await fetch(`${options.apiUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return { body: text ? JSON.parse(text) : undefined, etag: res.headers.get('etag') };
  };

  // The seeded account line (head → GAD → AD → AM → AE) and a creative: as the tests' agency.
  const person = async (key: string): Promise<Person> => {
    const email = `${key}@agency.example`;
    const token = options.tokens[email];
    if (!token) throw new Error(`No demo token for ${email}: start the stack with seed: true`);
    const me = (await call('GET', '/me', token)).body;
    return { staffId: me.staffId, email, role: me.role, token };
  };
  const [ad, am, ae, creative] = await Promise.all(['ad', 'am', 'ae', 'creative'].map(person));

  // A client of its own (the route benchmark adds creative approvers to the seeded one), with the
  // full intake, the team, one creative approver, a brand and a job.
  const created = (
    await call('POST', '/clients', ad!.token, {
      name: `Review bench ${randomCode()}`,
      code: randomCode(),
      industry: 'Beverages',
    })
  ).body;
  const clientId: string = created.clientId;
  await call(
    'PATCH',
    `/clients/${clientId}`,
    ad!.token,
    {
      intake: {
        productKnowledge: 'Premium tea, three SKUs.',
        marketSituation: 'Crowded category, price war.',
        advertisingBudget: { amountMinor: 25_000_000, currency: 'USD' },
        marketingPlan: 'Grow share in tier-1 cities.',
      },
    },
    { 'if-match': `"${created.version}"` },
  );
  const team = (await call('GET', `/clients/${clientId}/team`, ad!.token)).body;
  await call(
    'PUT',
    `/clients/${clientId}/team`,
    ad!.token,
    { members: [ad!, am!, ae!, creative!].map((p) => ({ staffId: p.staffId, role: p.role })) },
    team.version > 0 ? { 'if-match': `"${team.version}"` } : {},
  );
  const contactEmail = `bench-${randomCode().toLowerCase()}@client.example`;
  await call('POST', `/clients/${clientId}/contacts`, ad!.token, {
    name: 'Bench Approver',
    email: contactEmail,
    level: 'senior',
    approves: ['creative'],
  });
  const brand = (
    await call('POST', `/clients/${clientId}/brands`, ad!.token, {
      name: `Bench brand ${randomCode()}`,
      positioning: 'The clear choice.',
      competitors: ['Rival One'],
    })
  ).body;
  const job = (
    await call('POST', '/jobs', ae!.token, {
      clientId,
      brandId: brand.brandId,
      title: 'Review bench',
      type: 'campaign',
    })
  ).body;
  const artwork = png(1080, 1920);

  // The inbox: approval emails to the contact, by message id.
  const storeUrl = new URL('store', options.inboxUrl);
  const contactLinks = async (sinceSeconds: number): Promise<Map<string, string>> => {
    storeUrl.searchParams.set('since', String(sinceSeconds));
    const store = (await (await fetch(storeUrl)).json()) as { emails: Json[] };
    const links = new Map<string, string>();
    for (const email of store.emails) {
      if (![email.destination?.to ?? []].flat().includes(contactEmail)) continue;
      const link = String(email.body?.text ?? '').match(APPROVAL_LINK)?.[0];
      if (link) links.set(email.messageId, link);
    }
    return links;
  };
  /** Waits for an approval email to the contact that is not in `seen`; returns its link. */
  const nextLink = (seen: Map<string, string>, sinceSeconds: number, intervalMs = 20) =>
    poll(
      'the client contact’s approval email',
      async () => [...(await contactLinks(sinceSeconds))].find(([id]) => !seen.has(id))?.[1],
      intervalMs,
    );
  const decideByLink = async (link: string) => {
    const html = await (await fetch(link)).text();
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    const res = await fetch(link, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(link).origin },
      body: new URLSearchParams({ ...fields, decision: 'approve' }).toString(),
    });
    if (res.status !== 200) throw new Error(`POST ${link} → ${res.status} ${await res.text()}`);
  };

  const lastReview = async (draftId: string) =>
    (await call('GET', `/drafts/${draftId}/approvals`, ae!.token)).body.reviews.at(-1);
  const waitForStep = (draftId: string, stepNo: number) =>
    poll(`step ${stepNo} to be pending and notified`, async () => {
      const step = (await lastReview(draftId))?.steps.find((s: Json) => s.stepNo === stepNo);
      return step?.status === 'pending' && step.notifiedAt ? step : undefined;
    });
  const pendingApproval = (who: Person, draftId: string) =>
    poll('a pending approval', async () => {
      const mine = (await call('GET', '/approvals?assignee=me&status=pending&limit=100', who.token)).body;
      return mine.items.find((a: Json) => a.draftId === draftId);
    });

  const sfn = new SFNClient({});
  const stateMachineArn = process.env[envNames.reviewStateMachineArn];
  if (!stateMachineArn)
    throw new Error(`${envNames.reviewStateMachineArn} is not set: is the stack started?`);
  const definition = JSON.parse(
    (await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition ?? '{}',
  );
  const callbackStates = new Set(
    Object.entries<Json>(definition.States ?? {})
      .filter(([, s]) => s.Type === 'Task' && String(s.Resource).endsWith('.waitForTaskToken'))
      .map(([name]) => name),
  );

  const emailLatencies: number[] = [];
  const decisionLatencies: number[] = [];
  const patterns: StepTransitions[][] = [];
  for (let i = 0; i < options.warmup + options.reviews; i++) {
    const measured = i >= options.warmup;
    const draft = (
      await call('POST', `/jobs/${job.jobId}/drafts`, ae!.token, {
        title: `Bench draft ${i}`,
        kind: 'artwork',
        specs: { fileTypes: ['image/png'], width: 1080, height: 1920 },
        file: { name: 'artwork.png', contentType: 'image/png' },
      })
    ).body;
    const draftId: string = draft.draft.draftId;
    const form = new FormData();
    for (const [name, value] of Object.entries<string>(draft.upload.fields)) form.append(name, value);
    form.append('file', new Blob([artwork], { type: 'image/png' }), 'file');
    const uploaded = await fetch(draft.upload.url, { method: 'POST', body: form });
    if (uploaded.status >= 300) throw new Error(`upload → ${uploaded.status} ${await uploaded.text()}`);
    await call('POST', `/drafts/${draftId}/versions/${draft.version.number}/complete`, ae!.token);

    const review = (await call('POST', `/drafts/${draftId}/versions/1/reviews`, ae!.token, {})).body;
    const since = Math.floor(Date.now() / 1000) - 1;
    const internal = await waitForStep(draftId, 1);
    if (internal.stage !== 'internal') throw new Error(`step 1 is ${internal.stage}, not internal`);

    // The AM decides first (the step waits for the AD too); the AD's decision settles it.
    const amApproval = await pendingApproval(am!, draftId);
    await call('POST', `/approvals/${amApproval.approvalId}/decision`, am!.token, { decision: 'approve' });
    const adApproval = await pendingApproval(ad!, draftId);
    const seen = await contactLinks(since);
    const t0 = performance.now();
    const decided = (
      await call('POST', `/approvals/${adApproval.approvalId}/decision`, ad!.token, { decision: 'approve' })
    ).body;
    const t1 = performance.now();
    if (!decided.stepSettled) throw new Error('The AD’s decision did not settle the internal step');
    const clientLink = await nextLink(seen, since, pollMs);
    const t2 = performance.now();
    if (measured) {
      decisionLatencies.push(t1 - t0);
      emailLatencies.push(t2 - t0);
    }

    // The client approves; then final artwork approval; then the review is released.
    await decideByLink(clientLink);
    const afterClient = await contactLinks(since);
    const finalStep = await waitForStep(draftId, 3);
    if (finalStep.stage !== 'final_artwork') throw new Error(`step 3 is ${finalStep.stage}`);
    await decideByLink(await nextLink(afterClient, since));
    await poll('the review to be released', async () =>
      (await lastReview(draftId))?.status === 'released' ? true : undefined,
    );

    if (!measured) continue;
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${review.reviewId}`;
    await poll('the execution to end', async () => {
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return status === 'RUNNING' ? undefined : status;
    });
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const steps = (await lastReview(draftId)).steps as Json[];
    patterns.push(transitionsPerStep(events, callbackStates, steps));
  }

  const key = (p: StepTransitions[]) => JSON.stringify(p);
  const first = patterns[0] ?? [];
  return {
    reviews: options.reviews,
    warmup: options.warmup,
    pollMs,
    emailLatencies,
    decisionLatencies,
    steps: first,
    samePattern: patterns.filter((p) => key(p) === key(first)).length,
  };
}

/**
 * Splits an execution's states entered at each entry of a callback (waiting) task: the first
 * segment runs from the start to the first wait; each later one from a human step's decision
 * (its wait ends) to the next wait, or to the end. A step waited for twice (a reminder, a
 * deadline) keeps one segment per wait.
 */
export function transitionsPerStep(
  events: HistoryEvent[],
  callbackStates: Set<string>,
  steps: { stepNo: number; stage: string }[],
): StepTransitions[] {
  const stageOf = (stepNo: unknown) => steps.find((s) => s.stepNo === stepNo)?.stage ?? `step ${stepNo}`;
  const segments: StepTransitions[] = [{ after: 'start', until: 'end', transitions: 0, states: [] }];
  for (const event of events) {
    const entered = event.stateEnteredEventDetails;
    if (!event.type?.endsWith('StateEntered') || !entered?.name) continue;
    const current = segments.at(-1)!;
    current.transitions++;
    current.states.push(entered.name);
    if (callbackStates.has(entered.name)) {
      const stage = stageOf(JSON.parse(entered.input ?? '{}')?.next?.stepNo);
      current.until = stage;
      segments.push({ after: stage, until: 'end', transitions: 0, states: [] });
    }
  }
  return segments;
}
