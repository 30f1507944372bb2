/**
 * Hostile forms against the approval page's form route (POST /approve/{token}), the one
 * write route hostile-bodies.test.ts leaves out: it is public (the emailed link's token is
 * the credential), takes a browser form, and answers with HTML pages, never problem+json.
 * Property-based with fast-check, against the real link of an open client step: random
 * urlencoded forms (forged nonces, other approvals, wrong decisions, unknown and polluting
 * fields, repeated keys), JSON and other media types, broken encodings, huge bodies, and
 * foreign or missing origins. Every answer must be a 4xx HTML page (never 5xx, never a
 * success), and neither the table's item count nor the review's chain may change. Only
 * the requests the page itself would send are left out: a well-formed fresh-link request
 * (202), and the decision with the page's own nonce from the page's origin.
 * No request presents a bad token: those count against the caller's address (and write
 * its throttle counter), which would change the table and throttle every later test.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { approvalPageRoutes, linkFormSchema } from '../../functions/approval-page/routes.js';
import * as fx from '../support/fixtures.js';
import * as rv from '../support/reviews.js';

const runs = 400;
/** The handler reads at most this much of a form (functions/approval-page/handler.ts). */
const maxFormBytes = 16 * 1024;
const formType = /^application\/x-www-form-urlencoded\b/i;

interface World {
  s: rv.ReviewSetup;
  link: string;
  token: string;
  origin: string;
  /** The client's approval the link is for, and the nonce of the page shown once. */
  approvalId: string;
  nonce: string;
  /** The AM's internal approval of the same review: a real id the link is not for. */
  otherApprovalId: string;
}

let w: World;
let requests = 0;
const statuses: Record<string, number> = {};
/** Answers by status and the page's message: which check refused the form. */
const answers: Record<string, number> = {};

interface HostileForm {
  label: string;
  body?: string | Uint8Array;
  contentType?: string;
  origin?: string;
  referer?: string;
}

const bytesOf = (body: HostileForm['body']): Buffer =>
  body === undefined ? Buffer.alloc(0) : typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);

/**
 * What the handler makes of a request: a decision (the page's own form from the page's own
 * origin), a fresh-link request (202; a live link gets none), or a refusal. Mirrors
 * functions/approval-page/handler.ts: size, media type, schema, then origin, nonce and approval.
 */
function outcome(req: HostileForm): 'decides' | 'renews' | 'refused' {
  const raw = bytesOf(req.body);
  if (raw.length > maxFormBytes || !formType.test(req.contentType ?? '')) return 'refused';
  const form = linkFormSchema.safeParse(Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  if (!form.success) return 'refused';
  if (form.data.intent === 'renew') return 'renews';
  const claimed = req.origin ?? req.referer;
  let sameOrigin = false;
  try {
    sameOrigin = !!claimed && new URL(claimed).origin === w.origin;
  } catch {
    sameOrigin = false;
  }
  return sameOrigin && form.data.nonce === w.nonce && form.data.approvalId === w.approvalId
    ? 'decides'
    : 'refused';
}

const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** What the page's own form sends (decide, with its nonce and approval). */
const pageForm = (extra: Record<string, string> = {}): Record<string, string> => ({
  intent: 'decide',
  nonce: w.nonce,
  approvalId: w.approvalId,
  decision: 'approve',
  ...extra,
});

const wrongStrings = fc.constantFrom(
  '',
  ' ',
  'APPROVE',
  'approve ',
  'approved',
  'accept',
  'renew',
  'decide',
  'null',
  'undefined',
  '[]',
  '{}',
  '0',
  '\u0000',
  '\u202eevorppa',
  '\ud800',
  '💥',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '{{7*7}}',
  '../../../etc/passwd',
  'x'.repeat(101),
  'y'.repeat(4001),
);

function fieldValues(): Record<string, fc.Arbitrary<string>> {
  const anyString = fc.oneof(wrongStrings, fc.string({ unit: 'binary', maxLength: 40 }));
  return {
    intent: fc.oneof(fc.constantFrom('decide', 'renew'), anyString),
    decision: fc.oneof(
      fc.constantFrom('approve', 'approve_with_changes', 'request_changes', 'reject'),
      anyString,
    ),
    comment: fc.oneof(fc.constantFrom('Fine.', '   ', 'z'.repeat(4001)), anyString),
    nonce: fc.oneof(
      fc.constant(w.nonce),
      fc.constant(`${w.nonce}x`),
      fc.constant(w.nonce.slice(1)),
      fc.constant(w.nonce.toUpperCase()),
      fc.base64String({ minLength: 24, maxLength: 24 }),
      anyString,
    ),
    approvalId: fc.oneof(
      fc.constant(w.approvalId),
      fc.constant(w.otherApprovalId),
      fc.constant(`${w.approvalId.split('_')[0]}_${fx.unknownId()}`),
      fc.constant(`${fx.unknownId()}_${w.approvalId.split('_')[1]}`),
      fc.constant(w.approvalId.toLowerCase()),
      anyString,
    ),
  };
}

/** Fields the form does not have, some of them what the server records or decides by. */
const strangeKeys = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'token',
  'status',
  'decidedBy',
  'onBehalfOf',
  'via',
  'ip',
  'stepNo',
  'Intent',
  'decision[]',
  'approvalId[0]',
  '',
  '\u0000',
);

const origins = fc.oneof(
  fc.constant<Pick<HostileForm, 'origin' | 'referer'>>({}),
  fc.constantFrom<Pick<HostileForm, 'origin' | 'referer'>>(
    { origin: 'same' },
    { referer: 'same' },
    { origin: 'https://evil.example' },
    { origin: 'null' },
    { origin: 'http://' },
    { origin: 'same-host-other-port' },
    { origin: 'https://evil.example', referer: 'same' },
    { referer: 'https://evil.example/approve/x' },
    { referer: 'not a url' },
  ),
);

const contentTypes = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/x-www-form-urlencodedx',
  'application/json',
  'text/plain',
  'text/html',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
);

/** Every flavour of hostile form, as raw bytes with headers. */
function hostileForms(): fc.Arbitrary<HostileForm> {
  const values = fieldValues();
  const fields = fc.record(values, { requiredKeys: [] });
  const form = (label: string, body: string, contentType = 'application/x-www-form-urlencoded') => ({
    label,
    body,
    contentType,
  });
  const bodies: fc.Arbitrary<HostileForm> = fc.oneof(
    // Forms of the page's fields, any of them missing, forged or wrong.
    fields.map((f) => form('fields', encode(f as Record<string, string>))),
    // The page's form with one field the form does not have.
    fc
      .tuple(strangeKeys, fc.oneof(wrongStrings, fc.constant('1')))
      .map(([k, v]) => form(`extraField:${k}`, `${encode(pageForm())}&${new URLSearchParams([[k, v]])}`)),
    // The page's form with one value wrong.
    fc
      .tuple(fc.constantFrom('intent', 'decision', 'nonce', 'approvalId', 'comment'), wrongStrings)
      .map(([k, v]) => form(`wrongValue:${k}`, encode(pageForm({ [k]: v })))),
    // Repeated keys (the last one wins): smuggling another intent, decision or approval in.
    fc
      .constantFrom(
        'intent=renew',
        'intent=decide&intent=',
        `approvalId=${'x'}`,
        'decision=reject&decision=nope',
        'nonce=forged',
      )
      .map((tail) => form(`repeated:${tail}`, `${encode(pageForm())}&${tail}`)),
    // Not a form, or a broken one.
    fc
      .constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '&&&=&',
        '=decide',
        'intent',
        'intent=decide;decision=approve',
        'intent%3Ddecide%26decision%3Dapprove',
        '\u0000\u0000',
        '{"intent":"renew"}',
        '<form><input name="intent" value="decide"></form>',
      )
      .map((body) => form('broken', body)),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }).map((body) => form('binary', body)),
    fc
      .uint8Array({ minLength: 1, maxLength: 80 })
      .map((body) => ({ label: 'bytes', body, contentType: 'application/x-www-form-urlencoded' })),
    // The page's form (and a fresh-link request) as JSON: the route takes forms only.
    fc.constantFrom<Record<string, string>>({ intent: 'renew' }, {}).map((extra) => ({
      label: 'json',
      body: JSON.stringify(Object.keys(extra).length ? extra : pageForm()),
      contentType: 'application/json',
    })),
    // The page's form under another media type, or none.
    contentTypes.map((contentType) => ({
      label: `contentType:${contentType}`,
      body: encode(pageForm()),
      contentType: contentType === '' ? undefined : contentType,
    })),
    // Huge bodies: over the form limit, as one overlong comment or as many fields.
    fc
      .integer({ min: maxFormBytes + 1, max: 300 * 1024 })
      .map((n) => form(`hugeComment:${n}`, encode(pageForm({ comment: 'c'.repeat(n) })))),
    fc
      .integer({ min: 1_000, max: 20_000 })
      .map((n) => form(`manyFields:${n}`, `${encode(pageForm())}&${'f=1&'.repeat(n)}`)),
    // Empty.
    fc.constantFrom<HostileForm>(
      { label: 'none', contentType: 'application/x-www-form-urlencoded' },
      { label: 'noneUntyped' },
      { label: 'empty', body: '', contentType: 'application/x-www-form-urlencoded' },
    ),
  );
  // Well-formed decisions from the page's own origin that the page never sent: a forged or
  // altered nonce, or another approval (of this review, or one never issued) — they reach
  // the approval check, or the decision's transaction that consumes the nonce.
  const forged: fc.Arbitrary<HostileForm> = fc
    .tuple(
      fc.record({
        nonce: values.nonce ?? fc.constant(''),
        approvalId: values.approvalId ?? fc.constant(''),
        decision: fc.constantFrom('approve', 'approve_with_changes', 'request_changes', 'reject'),
      }),
      fc.constantFrom('origin', 'referer'),
    )
    .map(([f, via]) => ({
      label: 'forged',
      body: encode(pageForm(f)),
      contentType: 'application/x-www-form-urlencoded',
      ...(via === 'origin' ? { origin: w.origin } : { referer: w.link }),
    }));
  const fromAnywhere = fc.tuple(bodies, origins).map(([body, from]) => {
    const resolve = (v: string | undefined) =>
      v === 'same'
        ? w.origin
        : v === 'same-host-other-port'
          ? `${new URL(w.origin).protocol}//${new URL(w.origin).hostname}:1`
          : v;
    return {
      ...body,
      ...(from.origin ? { origin: resolve(from.origin) } : {}),
      ...(from.referer ? { referer: from.referer === 'same' ? `${w.link}` : from.referer } : {}),
    };
  });
  return fc.oneof({ arbitrary: fromAnywhere, weight: 4 }, { arbitrary: forged, weight: 1 });
}

async function post(req: HostileForm) {
  const headers: Record<string, string> = {};
  if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  if (req.origin !== undefined) headers.origin = req.origin;
  if (req.referer !== undefined) headers.referer = req.referer;
  requests++;
  const res = await fetch(w.link, {
    method: 'POST',
    redirect: 'manual',
    headers,
    body:
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : Buffer.from(req.body),
  });
  const html = await res.text();
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  const answer = `${res.status} ${/<p>([^<]*)<\/p>/.exec(html)?.[1] ?? ''}`;
  answers[answer] = (answers[answer] ?? 0) + 1;
  return { status: res.status, headers: res.headers, html };
}

/** What a hostile form could change: the review's chain (steps, approvals, evidence, page views). */
const chainNow = async () => (await rv.chain(w.s.agency.ae, w.s.draftId)).reviews;

beforeAll(async () => {
  const s = await rv.reviewReady();
  const { ae, am, ad } = s.agency;
  await rv.startReview(ae, s.draftId, 1);
  await rv.stepOpened(ae, s.draftId, 1);
  const internal = (await rv.chain(ae, s.draftId)).reviews[0].approvals;
  for (const approval of internal) {
    const by = [am, ad].find((p) => p.staff.staffId === approval.assignee.staffId);
    expect(by, `an internal reviewer: ${JSON.stringify(approval.assignee)}`).toBeDefined();
    fx.expectStatus(await rv.decide(by!, approval.approvalId, 'approve'), 200, 'internal approval');
  }
  await rv.stepOpened(ae, s.draftId, 2);
  // The step is notified once its emails are out: the link is in the inbox now.
  const links = (await rv.mailsTo(s.contacts[0].email)).flatMap(
    (m) => m.text.match(rv.approvalLinkPattern) ?? [],
  );
  expect(links).toHaveLength(1);
  const link = links[0]!;
  const page = await rv.openLink(link);
  expect(page.status, page.html.slice(0, 300)).toBe(200);
  const approvalId = page.hidden.approvalId ?? '';
  const nonce = page.hidden.nonce ?? '';
  expect(nonce).not.toBe('');
  const amApproval = internal.find((a: fx.Json) => a.assignee.staffId === am.staff.staffId);
  w = {
    s,
    link,
    token: new URL(link).pathname.split('/').at(-1) ?? '',
    origin: new URL(link).origin,
    approvalId,
    nonce,
    otherApprovalId: amApproval.approvalId,
  };
  expect(approvalId).not.toBe(w.otherApprovalId);
});

describe('hostile forms on the approval page (POST /approve/{token})', () => {
  it('is the form route of apiAreas hostile-bodies.test.ts leaves to this file (the minutes page’s: contact-reports.test.ts)', () => {
    const forms = fx.writeRoutes().filter((r) => r.bodyMediaType === 'application/x-www-form-urlencoded');
    expect(forms.map((r) => r.operationId).sort()).toEqual(
      [approvalPageRoutes.submitApprovalPage.operationId, 'answerMinutesPage'].sort(),
    );
    const route = approvalPageRoutes.submitApprovalPage;
    expect(route).toMatchObject({ method: 'POST', public: true, response: { mediaType: 'text/html' } });
    expect(new URL(w.link).pathname).toBe(fx.fillPath(route.path, { token: w.token }));
  });

  it('answers every hostile form with a 4xx HTML page and changes nothing', {
    timeout: 120_000,
  }, async () => {
    const before = await fx.countItems();
    const chainBefore = await chainNow();
    const labels: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        // What the page itself sends is not hostile: its decision, and a fresh-link request.
        hostileForms().filter((req) => outcome(req) === 'refused'),
        async (req) => {
          const res = await post(req);
          const label = req.label.split(':')[0] ?? req.label;
          labels[label] = (labels[label] ?? 0) + 1;
          const context = `${req.label} ${req.contentType ?? '(no type)'} origin=${req.origin ?? '-'} referer=${
            req.referer ?? '-'
          } ${bytesOf(req.body).toString('utf8').slice(0, 160)} → ${res.status} ${res.html.slice(0, 200)}`;
          expect(res.status, context).toBeGreaterThanOrEqual(400);
          expect(res.status, context).toBeLessThan(500);
          expect(res.headers.get('content-type'), context).toMatch(/^text\/html/);
          expect(res.html.startsWith('<!doctype html>'), context).toBe(true);
          expect(res.headers.get('cache-control'), context).toBe('no-store');
          expect(res.headers.get('x-frame-options'), context).toBe('DENY');
          // Nothing sent comes back as markup, and the page never shows the link's token.
          expect(res.html, context).not.toMatch(/<script|onerror=/i);
          expect(res.html.includes(w.token), context).toBe(false);
        },
      ),
      { numRuns: runs, endOnFailure: true },
    );
    const after = await fx.countItems();
    console.log(
      `approval page hostile forms: ${requests} requests (${JSON.stringify(labels)}); statuses ${JSON.stringify(statuses)}; items ${before} → ${after}`,
    );
    console.log(`answers: ${JSON.stringify(answers, null, 1)}`);
    expect(after).toBe(before);
    expect(await chainNow()).toEqual(chainBefore);
    // Every check of the route was reached: the form, the origin, the approval, the nonce.
    const reached = (text: string) => Object.keys(answers).some((a) => a.includes(text));
    expect(reached('Choose a decision'), 'forms not understood').toBe(true);
    expect(reached('only from the approval page'), 'forms from another origin').toBe(true);
    expect(reached('not for that approval'), 'forms for another approval').toBe(true);
    expect(reached('form has expired'), 'forms with a forged nonce').toBe(true);
  });

  it('the link was live: a fresh-link request changes nothing, and the page decides', async () => {
    const before = await fx.countItems();
    const renew = await rv.submitLink(w.link, { intent: 'renew' });
    expect(renew.status).toBe(202);
    expect(await fx.countItems()).toBe(before);
    expect((await fetch(w.link, { method: 'HEAD' })).status).toBe(200);

    const page = await rv.openLink(w.link);
    expect(page.status).toBe(200);
    const decided = await rv.submitLink(w.link, { ...page.hidden, decision: 'approve', comment: 'Fine.' });
    expect(decided.status, decided.html.slice(0, 300)).toBe(200);
    expect(decided.html).toContain('Decision recorded');
    const evidence = (await chainNow())[0].evidence;
    expect(evidence.map((e: fx.Json) => `${e.stage}:${e.decision}:${e.via}`)).toEqual([
      'internal:approve:api',
      'internal:approve:api',
      'client:approve:link',
    ]);
    // Let the workflow open its next step, so nothing writes after this file.
    await rv.waitForStep(w.s.agency.ae, w.s.draftId, 3);
  });
});
