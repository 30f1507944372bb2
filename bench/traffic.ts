/**
 * Traffic benchmarks against the local stack (issue 12 §5), printed, never asserted:
 *
 * - Moving the first milestone of a 300-milestone schedule (a chain: every milestone moves): the
 *   preview (`POST /jobs/{jobId}/schedule/preview`) and the save (`PATCH /jobs/{jobId}/schedule`,
 *   one transaction, then the task projection of 300 items), interleaved preview, save, preview,
 *   save…; DynamoDB requests per call and p50/p99.
 * - `GET /me/tasks` for a person with 500 open milestones across two jobs: the first page
 *   (25) and a walk through every page of 100; requests per call and p50/p99.
 */
import type { JWK } from 'jose';
import { mintStaffToken } from '../infra/local/identity.js';

// biome-ignore lint/suspicious/noExplicitAny: API bodies, read field by field
type Json = any;

export interface RequestCounter {
  reset(): void;
  /** DynamoDB requests since the last reset, by command. */
  read(): { total: number; commands: Map<string, number> };
}

export interface TrafficBenchOptions {
  apiUrl: string;
  tokens: Record<string, string>;
  privateJwk: JWK;
  counter: RequestCounter;
  /** Preview + save pairs measured (after a few unmeasured). */
  moves: number;
  /** GET /me/tasks first-page calls measured. */
  taskCalls: number;
}

export interface Measured {
  label: string;
  ddbPerCall: number;
  commands: string;
  times: number[];
}

export interface TrafficBenchResult {
  milestones: number;
  movedPerSave: number;
  openTasks: number;
  rows: Measured[];
}

export async function benchTraffic(o: TrafficBenchOptions): Promise<TrafficBenchResult> {
  const call = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${o.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 500)}`);
    return { json: text ? (JSON.parse(text) as Json) : undefined, etag: res.headers.get('etag') ?? '' };
  };
  const head = o.tokens['head@agency.example']!;
  const ae = o.tokens['ae@agency.example']!;
  const client = (await call(head, 'GET', '/clients')).json.items[0];
  const brand = (await call(head, 'GET', `/clients/${client.clientId}/brands`)).json.items[0];

  // A producer who will own 500 open milestones, on the demo client's team.
  const producer = (
    await call(head, 'POST', '/staff', {
      email: `bench-producer-${Date.now()}@agency.example`,
      name: 'Bench Producer',
      role: 'production',
    })
  ).json;
  const producerToken = await mintStaffToken(o.privateJwk, {
    staffId: producer.staffId,
    email: producer.email,
  });
  const team = await call(head, 'GET', `/clients/${client.clientId}/team`);
  await call(
    head,
    'PUT',
    `/clients/${client.clientId}/team`,
    {
      members: [
        ...team.json.members.map((m: Json) => ({ staffId: m.staffId, role: m.role })),
        { staffId: producer.staffId, role: 'production' },
      ],
    },
    { 'if-match': team.etag },
  );

  /** A campaign job whose schedule is the template's 7 milestones plus `extra` in one chain after them, owned by the producer. */
  async function chainedSchedule(extra: number) {
    const job = (
      await call(ae, 'POST', '/jobs', {
        clientId: client.clientId,
        brandId: brand.brandId,
        title: 'Bench schedule',
        type: 'campaign',
      })
    ).json;
    let version = (await call(ae, 'POST', `/jobs/${job.jobId}/schedule`, { startDate: '2027-01-04' })).json
      .version;
    for (let done = 0; done < extra; ) {
      const count = Math.min(100, extra - done);
      const add = Array.from({ length: count }, (_, i) => {
        const n = 8 + done + i;
        return {
          name: `Production step ${n}`,
          department: 'production',
          owner: { kind: 'staff', staffId: producer.staffId },
          durationDays: 1,
          dependsOn: [{ milestoneId: `M${String(n - 1).padStart(3, '0')}` }],
        };
      });
      version = (
        await call(ae, 'PATCH', `/jobs/${job.jobId}/schedule`, { add }, { 'if-match': `"${version}"` })
      ).json.schedule.version;
      done += count;
    }
    return { jobId: job.jobId as string, version: version as number };
  }

  const big = await chainedSchedule(293);
  // 293 + 1 production milestone of the template = 294; 205 + 1 = 206: 500 open milestones.
  await chainedSchedule(205);

  const measure = async (label: string, run: () => Promise<unknown>, samples: number, warmup = 3) => {
    for (let i = 0; i < warmup; i++) await run();
    const times: number[] = [];
    let total = 0;
    const commands = new Map<string, number>();
    for (let i = 0; i < samples; i++) {
      o.counter.reset();
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
      const read = o.counter.read();
      total += read.total;
      for (const [name, n] of read.commands) commands.set(name, (commands.get(name) ?? 0) + n);
    }
    return {
      label,
      ddbPerCall: total / samples,
      commands: [...commands.entries()]
        .map(([n, k]) => `${n.replace('Command', '')}×${(k / samples).toFixed(1)}`)
        .join(' '),
      times,
    };
  };

  // Preview and save, interleaved: the first milestone back and forth by a working day.
  let version = big.version;
  let flip = false;
  let movedPerSave = 0;
  const nextMove = () => {
    flip = !flip;
    return { moves: [{ milestoneId: 'M001', start: flip ? '2027-01-05' : '2027-01-04' }] };
  };
  const previewTimes: number[] = [];
  const saveTimes: number[] = [];
  const previewCounts: Map<string, number>[] = [];
  const saveCounts: Map<string, number>[] = [];
  let previewTotal = 0;
  let saveTotal = 0;
  for (let i = 0; i < o.moves + 3; i++) {
    const move = nextMove();
    o.counter.reset();
    let t = performance.now();
    await call(ae, 'POST', `/jobs/${big.jobId}/schedule/preview`, move);
    const previewMs = performance.now() - t;
    const previewRead = o.counter.read();
    o.counter.reset();
    t = performance.now();
    const saved = await call(ae, 'PATCH', `/jobs/${big.jobId}/schedule`, move, {
      'if-match': `"${version}"`,
    });
    const saveMs = performance.now() - t;
    const saveRead = o.counter.read();
    version = saved.json.schedule.version;
    movedPerSave = saved.json.moved.length;
    if (i < 3) continue;
    previewTimes.push(previewMs);
    saveTimes.push(saveMs);
    previewTotal += previewRead.total;
    saveTotal += saveRead.total;
    previewCounts.push(previewRead.commands);
    saveCounts.push(saveRead.commands);
  }
  const summarize = (counts: Map<string, number>[]) => {
    const sum = new Map<string, number>();
    for (const c of counts) for (const [n, k] of c) sum.set(n, (sum.get(n) ?? 0) + k);
    return [...sum.entries()]
      .map(([n, k]) => `${n.replace('Command', '')}×${(k / counts.length).toFixed(1)}`)
      .join(' ');
  };

  const rows: Measured[] = [
    {
      label: 'POST /jobs/{jobId}/schedule/preview — move M001 of 300 (all move)',
      ddbPerCall: previewTotal / o.moves,
      commands: summarize(previewCounts),
      times: previewTimes,
    },
    {
      label: 'PATCH /jobs/{jobId}/schedule — the same move saved (transaction + 300-item task projection)',
      ddbPerCall: saveTotal / o.moves,
      commands: summarize(saveCounts),
      times: saveTimes,
    },
    await measure(
      'GET /jobs/{jobId}/schedule — 300 milestones',
      () => call(ae, 'GET', `/jobs/${big.jobId}/schedule`),
      o.moves,
    ),
    await measure(
      'GET /me/tasks?limit=25 — first page, 500 open milestones',
      () => call(producerToken, 'GET', '/me/tasks?limit=25'),
      o.taskCalls,
    ),
  ];

  // Every page of 100: requests per call over the whole walk.
  let pages = 0;
  let openTasks = 0;
  const walkTimes: number[] = [];
  let walkTotal = 0;
  const walkCounts: Map<string, number>[] = [];
  for (let round = 0; round < 5; round++) {
    let nextToken: string | undefined;
    let seen = 0;
    do {
      o.counter.reset();
      const t = performance.now();
      const page = await call(
        producerToken,
        'GET',
        `/me/tasks?limit=100${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ''}`,
      );
      walkTimes.push(performance.now() - t);
      const read = o.counter.read();
      walkTotal += read.total;
      walkCounts.push(read.commands);
      pages++;
      seen += page.json.items.length;
      nextToken = page.json.nextToken;
    } while (nextToken);
    openTasks = seen;
  }
  rows.push({
    label: `GET /me/tasks?limit=100 — every page (${pages / 5} calls for ${openTasks} items)`,
    ddbPerCall: walkTotal / pages,
    commands: summarize(walkCounts),
    times: walkTimes,
  });
  return { milestones: 300, movedPerSave, openTasks, rows };
}
