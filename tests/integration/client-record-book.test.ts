/**
 * The client record's book (issue 15 §3–§6): evaluations invisible to peers and to anyone outside
 * the reporting line (every role probed), the pitch conflict flag and the head's decision, a won
 * pitch becoming a client, the share of voice against an independent calculation, samples and
 * brief citations, the manager view.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/api.js';
import * as fx from '../support/fixtures.js';
import { png } from '../support/media-samples.js';

let a: fx.Agency;
/** Peers and outsiders: a second AE under the same AM, a second AAE under the same AE, another line. */
let peerAe: fx.Person;
let peerAae: fx.Person;
let other: fx.AccountLine;

beforeAll(async () => {
  a = await fx.buildAgency();
  [peerAe, peerAae, other] = await Promise.all([
    fx.appoint(a.head, 'account_executive', a.am),
    fx.appoint(a.head, 'assistant_account_executive', a.ae),
    fx.accountLine(a.head, a.gad, 'other'),
  ]);
});

const form = async (role: string) => {
  const res = await api('GET', '/evaluation-forms', { token: a.aae.token });
  fx.expectStatus(res, 200);
  return res.body.forms.find((f: fx.Json) => f.role === role).criteria as { key: string }[];
};
const fullRatings = (criteria: { key: string }[]) =>
  criteria.map((c, i) => ({ criterion: c.key, rating: 1 + (i % 5) }));

describe('staff evaluations', () => {
  it('are seen only by the evaluated person (once shared) and up their reporting line — probed for every role', async () => {
    const aae = a.aae.staff.staffId;
    const period = '2026-H1';
    const path = `/staff/${aae}/evaluations/${period}`;
    const created = await api('POST', `/staff/${aae}/evaluations`, {
      token: a.ae.token,
      body: {
        period,
        ratings: fullRatings(await form('assistant_account_executive')),
        summary: 'Sharp minutes.',
      },
    });
    fx.expectStatus(created, 201);
    expect(created.headers.get('location')).toBe(path);

    const probe = async (submitted: boolean) => {
      const rows: [string, fx.Person, boolean][] = [
        ['head', a.head, true],
        ['group account director (up the line)', a.gad, true],
        ['account director (up the line)', a.ad, true],
        ['account manager (up the line)', a.am, true],
        ['account executive (line manager, author)', a.ae, true],
        ['the evaluated AAE', a.aae, submitted],
        ['a peer AAE', peerAae, false],
        ['an account rep beside them', a.rep, false],
        ['a peer AE', peerAe, false],
        ['an AD of another line', other.ad, false],
        ['an AM of another line', other.am, false],
        ['an AE of another line', other.ae, false],
        ['the traffic coordinator', a.traffic, false],
        ['a creative', a.creative, false],
      ];
      // Every role at once: each probe only reads.
      const answers = await Promise.all(
        rows.map(async ([, person]) =>
          Promise.all([
            api('GET', path, { token: person.token }),
            api('GET', `/staff/${aae}/evaluations`, { token: person.token }),
          ]),
        ),
      );
      for (const [i, [who, person, sees]] of rows.entries()) {
        const [one, list] = answers[i]!;
        expect([who, one.status], JSON.stringify(one.body)).toEqual([who, sees ? 200 : 404]);
        if (!sees) {
          expect(one.body.code).toBe('not_found');
          expect(JSON.stringify(one.body)).not.toContain('Sharp minutes');
          // The evaluated person lists nothing before it is shared; anyone else gets 404.
          if (person === a.aae) expect(list.body.items).toEqual([]);
          else expect([who, list.status]).toEqual([who, 404]);
        } else {
          expect(list.body.items.map((e: fx.Json) => e.period)).toContain(period);
        }
      }
    };
    await probe(false);
    fx.expectProblem(await api('POST', `${path}/acknowledge`, { token: a.aae.token, body: {} }), 404);
    fx.expectStatus(await api('POST', `${path}/submit`, { token: a.ae.token }), 200);
    await probe(true);

    fx.expectProblem(
      await api('POST', `${path}/acknowledge`, { token: a.ae.token, body: {} }),
      403,
      'forbidden',
    );
    const ack = await api('POST', `${path}/acknowledge`, {
      token: a.aae.token,
      body: { comment: 'Agreed.' },
    });
    fx.expectStatus(ack, 200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      acknowledgement: 'Agreed.',
      evaluatorId: a.ae.staff.staffId,
    });
    // Shared, it no longer changes.
    fx.expectProblem(
      await api('PATCH', path, {
        token: a.ae.token,
        headers: { 'if-match': `"${ack.body.version}"` },
        body: { goals: 'x' },
      }),
      409,
      'evaluation_shared',
    );
  });

  it('are written by the line manager (or the AM above an AE/AAE, or the head); others are refused in plain words', async () => {
    const ae = a.ae.staff.staffId;
    const body = { period: '2026-H2' };
    // A director up the line, who is neither the line manager nor the head: 403 saying who may.
    const byAd = await api('POST', `/staff/${ae}/evaluations`, { token: a.ad.token, body });
    fx.expectProblem(byAd, 403, 'forbidden');
    expect(byAd.body.detail).toMatch(/line manager/);
    // A peer: the person is not theirs to see (404).
    fx.expectProblem(await api('POST', `/staff/${ae}/evaluations`, { token: peerAe.token, body }), 404);
    fx.expectProblem(
      await api('POST', `/staff/${ae}/evaluations`, {
        token: a.am.token,
        body: { ...body, ratings: [{ criterion: 'competitive_watch', rating: 3 }] },
      }),
      400,
      'unknown_criterion',
    );
    const draft = await api('POST', `/staff/${ae}/evaluations`, { token: a.am.token, body });
    fx.expectStatus(draft, 201);
    fx.expectProblem(
      await api('POST', `/staff/${ae}/evaluations/2026-H2/submit`, { token: a.am.token }),
      422,
      'evaluation_incomplete',
    );
    fx.expectProblem(
      await api('POST', `/staff/${ae}/evaluations`, { token: a.am.token, body }),
      409,
      'evaluation_exists',
    );
  });
});

describe('the account director’s concurrence', () => {
  it('an AM’s review of an AE is final only when an AD up the line concurs; sent back, it is the AM’s draft again', async () => {
    const ae = a.ae.staff.staffId;
    const period = '2027-H1';
    const path = `/staff/${ae}/evaluations/${period}`;
    const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
    const created = await api('POST', `/staff/${ae}/evaluations`, {
      token: a.am.token,
      body: { period, ratings: fullRatings(await form('account_executive')), summary: 'Steady.' },
    });
    fx.expectStatus(created, 201);
    const submitted = await api('POST', `${path}/submit`, { token: a.am.token });
    fx.expectStatus(submitted, 200);
    expect(submitted.body.status).toBe('awaiting_concurrence');
    // Not the AE's yet; not to be changed by its author while it waits.
    fx.expectProblem(await api('GET', path, { token: a.ae.token }), 404);
    expect((await api('GET', `/staff/${ae}/evaluations`, { token: a.ae.token })).body.items).toEqual([]);
    fx.expectProblem(
      await api('PATCH', path, {
        token: a.am.token,
        headers: ifMatch(submitted.body.version),
        body: { goals: 'x' },
      }),
      409,
      'awaiting_concurrence',
    );
    const concur = { decision: 'concur' };
    const v = submitted.body.version;
    // The author, and a director outside the line, do not concur (the latter does not see it at all).
    fx.expectProblem(
      await api('POST', `${path}/concurrence`, { token: a.am.token, headers: ifMatch(v), body: concur }),
      403,
      'forbidden',
    );
    fx.expectProblem(
      await api('POST', `${path}/concurrence`, { token: other.ad.token, headers: ifMatch(v), body: concur }),
      404,
    );
    fx.expectProblem(
      await api('POST', `${path}/concurrence`, {
        token: a.ad.token,
        headers: ifMatch(v),
        body: { decision: 'send_back' },
      }),
      422,
      'comment_required',
    );
    const back = await api('POST', `${path}/concurrence`, {
      token: a.ad.token,
      headers: ifMatch(v),
      body: { decision: 'send_back', comment: 'Rate the client files lower.' },
    });
    fx.expectStatus(back, 200);
    expect(back.body).toMatchObject({
      status: 'draft',
      concurrence: { decision: 'send_back', by: a.ad.staff.staffId, comment: 'Rate the client files lower.' },
    });
    fx.expectProblem(await api('GET', path, { token: a.ae.token }), 404);
    const edited = await api('PATCH', path, {
      token: a.am.token,
      headers: ifMatch(back.body.version),
      body: { goals: 'Keep the client files current.' },
    });
    fx.expectStatus(edited, 200);
    const again = await api('POST', `${path}/submit`, { token: a.am.token });
    expect(again.body.status).toBe('awaiting_concurrence');
    // A stale version is refused; the current one concurs.
    fx.expectProblem(
      await api('POST', `${path}/concurrence`, { token: a.ad.token, headers: ifMatch(v), body: concur }),
      409,
      'version_conflict',
    );
    const final = await api('POST', `${path}/concurrence`, {
      token: a.ad.token,
      headers: ifMatch(again.body.version),
      body: concur,
    });
    fx.expectStatus(final, 200);
    expect(final.body).toMatchObject({
      status: 'submitted',
      concurrence: { decision: 'concur', by: a.ad.staff.staffId },
    });
    fx.expectProblem(
      await api('POST', `${path}/concurrence`, {
        token: a.ad.token,
        headers: ifMatch(final.body.version),
        body: concur,
      }),
      409,
      'not_awaiting_concurrence',
    );
    const seen = await api('GET', path, { token: a.ae.token });
    fx.expectStatus(seen, 200);
    expect(seen.body.goals).toBe('Keep the client files current.');
  });
});

describe('pitches', () => {
  it('flag a prospect in an active client’s category; the head decides; winning makes the client without retyping', async () => {
    const category = fx.uniqueName('Sparkling Water');
    const incumbent = await fx.createClient(a.head, { industry: category, status: 'active' });
    const pitch = await api('POST', '/pitches', {
      token: a.ad.token,
      body: {
        prospect: {
          name: fx.uniqueName('Fizz Co'),
          category: `  ${category.toUpperCase()} `,
          intake: { productKnowledge: 'Three flavours.' },
        },
        leadSource: 'referral',
        referredBy: 'A media owner',
        pitchDate: '2026-11-20',
        team: [
          { staffId: a.ad.staff.staffId },
          { staffId: a.am.staff.staffId },
          { staffId: a.ae.staff.staffId },
        ],
        competingAgencies: ['Other Agency'],
        costOfPitching: fx.usd(12_500),
      },
    });
    fx.expectStatus(pitch, 201);
    expect(pitch.body.conflict).toMatchObject({
      clients: [{ clientId: incumbent.clientId, name: incumbent.name }],
    });
    const at = `/pitches/${pitch.body.pitchId}`;

    fx.expectProblem(
      await api('POST', `${at}/outcome`, {
        token: a.ad.token,
        body: { outcome: 'won', reasons: 'Best idea.', code: fx.clientCode() },
      }),
      409,
      'conflict_undecided',
    );
    const byAd = await api('POST', `${at}/conflict-decision`, {
      token: a.ad.token,
      body: { decision: 'proceed', reason: 'Different segment.' },
    });
    fx.expectProblem(byAd, 403, 'forbidden');
    expect(byAd.body.detail).toMatch(/head of account services/);
    const decided = await api('POST', `${at}/conflict-decision`, {
      token: a.head.token,
      body: { decision: 'proceed', reason: 'Premium segment; the incumbent agreed.' },
    });
    fx.expectStatus(decided, 200);
    expect(decided.body.conflict.decision).toMatchObject({
      decision: 'proceed',
      decidedBy: a.head.staff.staffId,
    });

    // A code another client has: nothing is written, the pitch stays open.
    fx.expectProblem(
      await api('POST', `${at}/outcome`, {
        token: a.ad.token,
        body: { outcome: 'won', reasons: 'Best idea.', code: incumbent.code },
      }),
      409,
      'duplicate_code',
    );
    expect((await api('GET', at, { token: a.ad.token })).body.status).toBe('open');
    const code = fx.clientCode();
    const won = await api('POST', `${at}/outcome`, {
      token: a.ad.token,
      body: { outcome: 'won', reasons: 'Best idea.', code },
    });
    fx.expectStatus(won, 200);
    expect(won.body.pitch).toMatchObject({
      status: 'won',
      outcome: { outcome: 'won', clientId: won.body.client.clientId },
    });
    expect(won.body.client).toMatchObject({
      name: pitch.body.prospect.name,
      code,
      industry: pitch.body.prospect.category,
      status: 'active',
      acquisitionSource: 'referral',
      intake: { productKnowledge: 'Three flavours.' },
    });
    // The pitch team is the account team: the AE sees the new client.
    const team = await api('GET', `/clients/${won.body.client.clientId}/team`, { token: a.ae.token });
    fx.expectStatus(team, 200);
    expect(team.body.members.map((m: fx.Json) => m.staffId).sort()).toEqual(
      [a.ad, a.am, a.ae].map((p) => p.staff.staffId).sort(),
    );
    fx.expectProblem(
      await api('POST', `${at}/outcome`, { token: a.ad.token, body: { outcome: 'lost', reasons: 'x' } }),
      409,
      'pitch_closed',
    );
  });

  it('links a prospect already on record; winning makes that client active, not another', async () => {
    const prospect = await fx.completeIntake(
      a.ad,
      await fx.createClient(a.ad, { industry: fx.uniqueName('Kombucha') }),
    );
    expect(prospect.status).toBe('prospect');
    const body = {
      prospectClientId: prospect.clientId,
      leadSource: 'solicitation',
      pitchDate: '2026-12-10',
      team: [{ staffId: a.ad.staff.staffId }, { staffId: a.am.staff.staffId }],
    };
    // One of the two: a prospect described, or one on record.
    fx.expectProblem(
      await api('POST', '/pitches', {
        token: a.ad.token,
        body: { ...body, prospect: { name: 'Twice', category: 'Drinks' } },
      }),
      400,
    );
    fx.expectProblem(
      await api('POST', '/pitches', { token: a.ad.token, body: { ...body, prospectClientId: undefined } }),
      400,
    );
    // A client already active is not pitched for; a client the caller cannot see does not exist.
    const active = await fx.createClient(a.ad, { industry: fx.uniqueName('Tea'), status: 'active' });
    fx.expectProblem(
      await api('POST', '/pitches', {
        token: a.ad.token,
        body: { ...body, prospectClientId: active.clientId },
      }),
      409,
      'not_a_prospect',
    );
    fx.expectProblem(await api('POST', '/pitches', { token: other.ad.token, body }), 404);

    const pitch = await api('POST', '/pitches', { token: a.ad.token, body });
    fx.expectStatus(pitch, 201, 'POST pitch for a recorded prospect');
    expect(pitch.body.prospect).toMatchObject({
      clientId: prospect.clientId,
      name: prospect.name,
      category: prospect.industry,
      code: prospect.code,
    });
    // The prospect's record stays its team's: a director of another line sees the pitch (new
    // business is every director's), not the client's intake, and cannot win it for them.
    expect(pitch.body.prospect.intake).toBeUndefined();
    const seenByOther = await api('GET', `/pitches/${pitch.body.pitchId}`, { token: other.ad.token });
    fx.expectStatus(seenByOther, 200, 'GET pitch by another line’s AD');
    expect(JSON.stringify(seenByOther.body)).not.toContain(fx.fullIntake.marketingPlan);
    fx.expectProblem(
      await api('POST', `/pitches/${pitch.body.pitchId}/outcome`, {
        token: other.ad.token,
        body: { outcome: 'won', reasons: 'Chemistry.' },
      }),
      404,
    );
    const won = await api('POST', `/pitches/${pitch.body.pitchId}/outcome`, {
      token: a.ad.token,
      body: { outcome: 'won', reasons: 'Chemistry.' },
    });
    fx.expectStatus(won, 200, 'won');
    expect(won.body.pitch.outcome.clientId).toBe(prospect.clientId);
    expect(won.body.client).toMatchObject({
      clientId: prospect.clientId,
      code: prospect.code,
      status: 'active',
      acquisitionSource: 'solicitation',
      version: prospect.version + 1,
    });
    const client = await api('GET', `/clients/${prospect.clientId}`, { token: a.ad.token });
    expect(client.body.status).toBe('active');
    const activity = await api('GET', `/clients/${prospect.clientId}/activity`, { token: a.ad.token });
    expect(activity.body.items.map((e: fx.Json) => e.action)).toContain('client.status_changed');
  });

  it('links a pitch to a recorded prospect after creation (If-Match), checks the conflict again, and unlinks it', async () => {
    const crowded = fx.uniqueName('Energy Drinks');
    const incumbent = await fx.createClient(a.head, { industry: crowded, status: 'active' });
    const prospect = await fx.createClient(a.ad, { industry: crowded });
    const pitch = await api('POST', '/pitches', {
      token: a.ad.token,
      body: {
        prospect: {
          name: fx.uniqueName('Unknown Co'),
          category: fx.uniqueName('Snacks'),
          code: fx.clientCode(),
        },
        leadSource: 'reputation',
        pitchDate: '2026-12-15',
        team: [{ staffId: a.ad.staff.staffId }],
      },
    });
    fx.expectStatus(pitch, 201, 'POST pitch');
    expect(pitch.body.conflict).toBeUndefined();
    const at = `/pitches/${pitch.body.pitchId}`;
    const link = { prospectClientId: prospect.clientId };
    const version = (v: number) => ({ 'if-match': `"${v}"` });
    fx.expectProblem(await api('PATCH', at, { token: a.ad.token, body: link }), 428);
    fx.expectProblem(await api('PATCH', at, { token: a.ad.token, body: link, headers: version(0) }), 409);
    /** The pitch, at its first version, linked to `prospectClientId` by `by`. */
    const linkAs = (prospectClientId: string, by = a.ad) =>
      api('PATCH', at, { token: by.token, body: { prospectClientId }, headers: version(pitch.body.version) });
    // A client the caller cannot see does not exist; an active client is not a prospect.
    const theirs = await fx.createClient(other.ad, { industry: crowded });
    fx.expectProblem(await linkAs(theirs.clientId), 404);
    const active = await fx.createClient(a.ad, { industry: fx.uniqueName('Tea'), status: 'active' });
    fx.expectProblem(await linkAs(active.clientId), 409, 'not_a_prospect');
    fx.expectProblem(await linkAs(prospect.clientId, a.am), 404);

    // Linked: the recorded prospect's description, and its category competes with the incumbent.
    const linked = await linkAs(prospect.clientId);
    fx.expectStatus(linked, 200, 'PATCH link');
    expect(linked.body).toMatchObject({
      version: pitch.body.version + 1,
      prospect: { clientId: prospect.clientId, name: prospect.name, category: crowded, code: prospect.code },
      conflict: { clients: [{ clientId: incumbent.clientId, name: incumbent.name }] },
    });
    expect(linked.body.conflict.decision).toBeUndefined();
    const decided = await api('POST', `${at}/conflict-decision`, {
      token: a.head.token,
      body: { decision: 'proceed', reason: 'Different occasion.' },
    });
    fx.expectStatus(decided, 200, 'decision');

    // Unlinked: the description stays (the code is the recorded client's), and so does the decided flag.
    const unlinked = await api('PATCH', at, {
      token: a.ad.token,
      body: { prospectClientId: null },
      headers: version(decided.body.version),
    });
    fx.expectStatus(unlinked, 200, 'PATCH unlink');
    expect(unlinked.body.prospect).toMatchObject({ name: prospect.name, category: crowded });
    expect([unlinked.body.prospect.clientId, unlinked.body.prospect.code]).toEqual([undefined, undefined]);
    expect(unlinked.body.conflict.decision).toMatchObject({ decision: 'proceed' });

    // Linked again, then won: the recorded client becomes active, no second client.
    const again = await api('PATCH', at, {
      token: a.ad.token,
      body: link,
      headers: version(unlinked.body.version),
    });
    fx.expectStatus(again, 200, 'PATCH link again');
    expect(again.body.conflict.decision).toMatchObject({ decision: 'proceed' });
    const won = await api('POST', `${at}/outcome`, {
      token: a.ad.token,
      body: { outcome: 'won', reasons: 'Chemistry.' },
    });
    fx.expectStatus(won, 200, 'won');
    expect(won.body.client).toMatchObject({ clientId: prospect.clientId, status: 'active' });
  });

  it('referred elsewhere closes the pitch; a pitch without conflict is lost with reasons; outsiders see nothing', async () => {
    const category = fx.uniqueName('Tyres');
    await fx.createClient(a.head, { industry: category, status: 'active' });
    const base = {
      leadSource: 'solicitation',
      pitchDate: '2026-12-01',
      team: [{ staffId: a.ae.staff.staffId }],
    };
    const flagged = await api('POST', '/pitches', {
      token: a.gad.token,
      body: { ...base, prospect: { name: 'Rival', category } },
    });
    fx.expectStatus(flagged, 201);
    const referred = await api('POST', `/pitches/${flagged.body.pitchId}/conflict-decision`, {
      token: a.head.token,
      body: { decision: 'refer_elsewhere', reason: 'Direct competitor of a client.' },
    });
    expect(referred.body.status).toBe('referred_elsewhere');
    fx.expectProblem(
      await api('POST', `/pitches/${flagged.body.pitchId}/outcome`, {
        token: a.gad.token,
        body: { outcome: 'won', reasons: 'x', code: fx.clientCode() },
      }),
      409,
      'pitch_closed',
    );

    const clean = await api('POST', '/pitches', {
      token: a.gad.token,
      body: { ...base, prospect: { name: 'Elsewhere', category: fx.uniqueName('Cement') } },
    });
    expect(clean.body.conflict).toBeUndefined();
    fx.expectProblem(
      await api('POST', `/pitches/${clean.body.pitchId}/conflict-decision`, {
        token: a.head.token,
        body: { decision: 'proceed', reason: 'x' },
      }),
      409,
      'no_conflict',
    );
    const lost = await api('POST', `/pitches/${clean.body.pitchId}/outcome`, {
      token: a.gad.token,
      body: { outcome: 'lost', reasons: 'Price.' },
    });
    expect(lost.body.pitch.outcome).toMatchObject({ outcome: 'lost', reasons: 'Price.' });
    // On the team: sees it; not on it and not a director: 404.
    fx.expectStatus(await api('GET', `/pitches/${clean.body.pitchId}`, { token: a.ae.token }), 200);
    fx.expectProblem(await api('GET', `/pitches/${clean.body.pitchId}`, { token: peerAe.token }), 404);
    fx.expectProblem(
      await api('POST', '/pitches', {
        token: a.am.token,
        body: { ...base, prospect: { name: 'X', category: 'Y' } },
      }),
      403,
    );
  });
});

/** The share of voice as the issue defines it, computed here without the server's code. */
function expectedShares(
  entries: { brand: string; channel: string; amount: number; from: string; to: string }[],
  from: string,
  to: string,
) {
  const day = (d: string) => Date.parse(d) / 86_400_000;
  const spend = entries.map((e) => {
    const inside = Math.min(day(e.to), day(to)) - Math.max(day(e.from), day(from)) + 1;
    return { ...e, inPeriod: inside <= 0 ? 0 : (e.amount * inside) / (day(e.to) - day(e.from) + 1) };
  });
  const total = spend.reduce((t, e) => t + e.inPeriod, 0);
  const channels: Record<string, { total: number; brands: Record<string, number> }> = {};
  for (const e of spend.filter((s) => s.inPeriod > 0)) {
    channels[e.channel] ??= { total: 0, brands: {} };
    channels[e.channel]!.total += e.inPeriod;
    channels[e.channel]!.brands[e.brand] = (channels[e.channel]!.brands[e.brand] ?? 0) + e.inPeriod;
  }
  const pct = (x: number, of: number) => Math.round((x / of) * 10_000) / 100;
  return {
    total,
    channels: Object.fromEntries(
      Object.entries(channels).map(([c, v]) => [
        c,
        {
          total: v.total,
          share: pct(v.total, total),
          brands: Object.fromEntries(Object.entries(v.brands).map(([b, x]) => [b, pct(x, v.total)])),
        },
      ]),
    ),
  };
}

describe('competitive activity', () => {
  it('records advertising and store checks, answers the share of voice by channel, keeps a sample, and briefs cite entries', async () => {
    const { client, brand } = await fx.readyClient(a.head, [a.ad, a.am, a.ae, a.aae]);
    const category = fx.uniqueName('Cola');
    const c = client.clientId;
    const seen = [
      { brand: 'Rival A', channel: 'tv', amount: 300_000_00, from: '2026-10-01', to: '2026-10-31' },
      { brand: 'Rival B', channel: 'tv', amount: 100_000_00, from: '2026-10-05', to: '2026-10-10' },
      { brand: 'Rival A', channel: 'social', amount: 20_000_00, from: '2026-10-12', to: '2026-10-12' },
      // Seen 10 days, 4 of them in October: 4/10 of its spend counts.
      { brand: 'Rival C', channel: 'outdoor', amount: 50_000_00, from: '2026-10-28', to: '2026-11-06' },
      // Outside the period.
      { brand: 'Rival B', channel: 'social', amount: 99_000_00, from: '2026-09-01', to: '2026-09-30' },
    ];
    for (const s of seen) {
      const res = await api('POST', `/clients/${c}/competitive-activity`, {
        token: a.aae.token,
        body: {
          kind: 'advertising',
          competitorBrand: s.brand,
          category,
          channel: s.channel,
          vendor: 'Star TV',
          seenFrom: s.from,
          seenTo: s.to,
          estimatedSpend: { amountMinor: s.amount, currency: 'USD' },
        },
      });
      fx.expectStatus(res, 201);
    }
    // Another currency is never added to dollars: its own share of voice.
    await api('POST', `/clients/${c}/competitive-activity`, {
      token: a.aae.token,
      body: {
        kind: 'advertising',
        competitorBrand: 'Rival D',
        category,
        channel: 'press',
        seenFrom: '2026-10-02',
        seenTo: '2026-10-02',
        estimatedSpend: { amountMinor: 5_000_00, currency: 'EUR' },
      },
    });
    const withSample = await api('POST', `/clients/${c}/competitive-activity`, {
      token: a.aae.token,
      body: {
        kind: 'store_check',
        competitorBrand: 'Rival A',
        category,
        store: 'MegaMart',
        shelfPrice: fx.usd(1.99),
        promotion: 'Two for one',
        seenFrom: '2026-10-15',
        seenTo: '2026-10-15',
        sample: { name: 'shelf.png', contentType: 'image/png' },
      },
    });
    fx.expectStatus(withSample, 201);
    fx.expectProblem(
      await api('POST', `/clients/${c}/competitive-activity`, {
        token: a.rep.token,
        body: {
          kind: 'store_check',
          competitorBrand: 'X',
          category,
          store: 'Y',
          seenFrom: '2026-10-02',
          seenTo: '2026-10-01',
        },
      }),
      400,
      'validation_failed',
    );

    const res = await api(
      'GET',
      `/clients/${c}/competitive-activity?category=${encodeURIComponent(category.toLowerCase())}&from=2026-10-01&to=2026-10-31`,
      { token: a.ae.token },
    );
    fx.expectStatus(res, 200);
    expect(res.body.items).toHaveLength(6);
    const [eur, usdShares] = res.body.shareOfVoice;
    expect(eur).toMatchObject({
      currency: 'EUR',
      total: { amountMinor: 5_000_00 },
      channels: [{ channel: 'press', shareOfTotal: 100 }],
    });
    const expected = expectedShares(seen, '2026-10-01', '2026-10-31');
    expect(usdShares.total.amountMinor).toBe(expected.total);
    expect(usdShares.total.amountMinor).toBe(300_000_00 + 100_000_00 + 20_000_00 + 20_000_00);
    for (const channel of usdShares.channels) {
      const want = expected.channels[channel.channel]!;
      expect(channel.total.amountMinor).toBe(want.total);
      expect(channel.shareOfTotal).toBe(want.share);
      for (const b of channel.brands) expect(b.share).toBe(want.brands[b.competitorBrand]);
    }
    expect(usdShares.channels.map((ch: fx.Json) => ch.channel)).toEqual(['tv', 'outdoor', 'social']); // a tie keeps the channels' order
    expect(usdShares.channels[0].brands).toEqual([
      { competitorBrand: 'Rival A', spend: fx.usd(300_000), share: 75 },
      { competitorBrand: 'Rival B', spend: fx.usd(100_000), share: 25 },
    ]);

    // The sample: uploaded straight to storage, then recorded from its bytes.
    const entryId = withSample.body.entry.entryId;
    await fx.uploadFile(withSample.body.upload, png(40, 30), 'image/png');
    const done = await api('POST', `/clients/${c}/competitive-activity/${entryId}/sample/complete`, {
      token: a.aae.token,
    });
    fx.expectStatus(done, 200);
    expect(done.body.sample).toMatchObject({ status: 'uploaded', sha256: expect.any(String) });

    // A brief cites the store check; the entry names the brief.
    const job = await fx.openJob(a.ae, c, brand.brandId);
    const brief = await api('POST', `/jobs/${job.jobId}/briefs`, {
      token: a.ae.token,
      body: { kind: 'creative', title: 'Q4 brief' },
    });
    fx.expectStatus(brief, 201);
    const briefId = brief.body.brief.briefId;
    fx.expectStatus(
      await api('POST', `/briefs/${briefId}/citations`, {
        token: a.ae.token,
        body: { entryId, note: 'Their price war' },
      }),
      201,
    );
    fx.expectProblem(
      await api('POST', `/briefs/${briefId}/citations`, { token: a.ae.token, body: { entryId } }),
      409,
      'already_cited',
    );
    const cited = await api('GET', `/briefs/${briefId}/citations`, { token: a.am.token });
    expect(cited.body.items).toMatchObject([
      { entryId, note: 'Their price war', entry: { store: 'MegaMart' } },
    ]);
    const detail = await api('GET', `/clients/${c}/competitive-activity/${entryId}`, { token: a.am.token });
    expect(detail.body.citedBy).toMatchObject([{ briefId }]);
    expect(detail.body.sampleDownload.url).toMatch(/^http/);
    // Another client's staff see none of it.
    fx.expectProblem(
      await api('GET', `/clients/${c}/competitive-activity/${entryId}`, { token: other.ae.token }),
      404,
    );

    // The manager view: the AM sees the AE's open job and this half year's evaluation state.
    const view = await api('GET', '/me/reports', { token: a.am.token });
    fx.expectStatus(view, 200);
    const row = view.body.reports.find((r: fx.Json) => r.staffId === a.ae.staff.staffId);
    expect(row.jobs.map((j: fx.Json) => j.jobId)).toContain(job.jobId);
    expect(row.evaluation.status).toEqual(expect.any(String));
    expect(view.body.reports.map((r: fx.Json) => r.staffId)).not.toContain(a.aae.staff.staffId);
  });
});
