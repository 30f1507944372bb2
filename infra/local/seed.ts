/**
 * Demo data for a new local table: an agency's account department, a client with its
 * contacts, brands, account team and jobs. Only the head of account services is
 * bootstrapped directly (as after a deploy); everything else goes THROUGH THE HTTP API with
 * bearer tokens, so seeding exercises the real handlers, validation and authority rules.
 */
import type { MintOptions, StaffIdentity } from './identity.js';

const DEMO_DOMAIN = 'agency.example';

/** The demo staff: one per account role (reporting lines per domain.md §2), plus creative and media. */
const demoStaff = [
  { key: 'head', role: 'head_of_accounts', name: 'Helena Ortiz', reportsTo: undefined },
  { key: 'gad', role: 'group_account_director', name: 'Gabriel Durand', reportsTo: 'head' },
  { key: 'ad', role: 'account_director', name: 'Amira Haddad', reportsTo: 'gad' },
  { key: 'am', role: 'account_manager', name: 'Marco Bianchi', reportsTo: 'ad' },
  { key: 'ae', role: 'account_executive', name: 'Emma Larsen', reportsTo: 'am' },
  { key: 'aae', role: 'assistant_account_executive', name: 'Li Wei', reportsTo: 'ae' },
  { key: 'rep', role: 'account_rep', name: 'Rafael Costa', reportsTo: 'ae' },
  { key: 'traffic', role: 'traffic_coordinator', name: 'Tomoko Sato', reportsTo: 'head' },
  { key: 'creative', role: 'creative', name: 'Clara Novak', reportsTo: undefined },
  { key: 'media', role: 'media', name: 'Mateo Ruiz', reportsTo: undefined },
] as const;

const demoEmail = (key: string): string => `${key}@${DEMO_DOMAIN}`;
const demoStaffEmails = (): string[] => demoStaff.map((s) => demoEmail(s.key));

type Mint = (who: string | StaffIdentity, options?: MintOptions) => Promise<string>;

export interface SeedResult {
  staff: Record<string, { staffId: string; email: string; role: string }>;
  clientId: string;
  brandIds: string[];
  contactIds: string[];
  jobIds: string[];
  /** email → bearer token */
  tokens: Record<string, string>;
}

class ApiError extends Error {}

function client(apiUrl: string) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ body: T; etag: string | null }> {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(`Seeding failed: ${method} ${path} → ${res.status} ${text}`);
    return { body: (text ? JSON.parse(text) : {}) as T, etag: res.headers.get('etag') };
  };
}

/** The media owners of the demo's plans (the stories book their lines), approved in the vendor register. */
const demoMediaVendors = ['Star TV', 'AdNet', 'ClearView', 'Radio One'];

/** Seeds the demo data through the API at `apiUrl`; returns ids and a token per demo staff member. */
export async function seedDemoData(input: {
  apiUrl: string;
  mintToken: Mint;
  log?: (message: string) => void;
}): Promise<SeedResult> {
  const log = input.log ?? (() => {});
  const call = client(input.apiUrl);
  const { bootstrapHeadOfAccounts } = await import('../../shared/accounts/index.js');

  const head = demoStaff[0];
  const headRecord = await bootstrapHeadOfAccounts({ email: demoEmail(head.key), name: head.name });
  const staff: SeedResult['staff'] = {
    head: { staffId: headRecord.staffId, email: headRecord.email, role: headRecord.role },
  };
  const tokens: Record<string, string> = {};
  const tokenFor = async (key: string) => {
    const s = staff[key]!;
    tokens[s.email] ??= await input.mintToken({ staffId: s.staffId, email: s.email });
    return tokens[s.email]!;
  };
  const headToken = await tokenFor('head');

  for (const member of demoStaff.slice(1)) {
    const { body } = await call<{ staffId: string; email: string; role: string }>(
      'POST',
      '/staff',
      headToken,
      {
        email: demoEmail(member.key),
        name: member.name,
        role: member.role,
        ...(member.reportsTo ? { reportsTo: staff[member.reportsTo]!.staffId } : {}),
      },
    );
    staff[member.key] = { staffId: body.staffId, email: body.email, role: body.role };
    await tokenFor(member.key);
  }

  const created = await call<{ clientId: string; version: number }>('POST', '/clients', headToken, {
    name: 'Northwind Beverages',
    code: 'NWB',
    industry: 'Beverages',
  });
  const clientId = created.body.clientId;
  await call(
    'PATCH',
    `/clients/${clientId}`,
    headToken,
    {
      status: 'active',
      acquisitionSource: 'pitch',
      intake: {
        productKnowledge: 'Sparkling teas and cold brew sold through supermarkets and cafés.',
        marketSituation: 'Ready-to-drink tea grows 9% a year; two national brands hold 60% of the shelf.',
        advertisingBudget: { amountMinor: 120_000_000, currency: 'USD' },
        marketingPlan: 'Relaunch the tea line in spring, then a summer cold-brew campaign.',
      },
    },
    { 'if-match': created.etag ?? String(created.body.version) },
  );

  const contacts = [
    {
      name: 'Sofia Lindqvist',
      email: 'sofia.lindqvist@northwind.example',
      title: 'Marketing Director',
      level: 'senior',
      approves: ['creative', 'estimate', 'media'],
    },
    {
      name: 'Daniel Okafor',
      email: 'daniel.okafor@northwind.example',
      title: 'Marketing Manager',
      level: 'middle',
      approves: ['creative', 'minutes'],
    },
    {
      name: 'Priya Nair',
      email: 'priya.nair@northwind.example',
      title: 'Brand Manager, Teas',
      level: 'brand',
      approves: ['minutes'],
    },
  ];
  const contactIds: string[] = [];
  for (const contact of contacts) {
    const { body } = await call<{ contactId: string }>(
      'POST',
      `/clients/${clientId}/contacts`,
      headToken,
      contact,
    );
    contactIds.push(body.contactId);
  }

  const brands = [
    {
      name: 'Northwind Sparkling Tea',
      positioning: 'The grown-up soft drink: real tea, a little sparkle, no sugar rush.',
      targetConsumers: 'Urban professionals 25–40 who are cutting down on soda.',
      competitors: ['FizzLeaf', 'Tea Republic'],
    },
    {
      name: 'Northwind Cold Brew',
      positioning: 'Café-quality cold brew in a can.',
      targetConsumers: 'Students and commuters 18–30.',
      competitors: ['BrewCo', 'Java Jolt'],
    },
  ];
  const brandIds: string[] = [];
  for (const brand of brands) {
    const { body } = await call<{ brandId: string }>('POST', `/clients/${clientId}/brands`, headToken, brand);
    brandIds.push(body.brandId);
  }

  const teamKeys = ['head', 'gad', 'ad', 'am', 'ae', 'aae', 'rep', 'traffic', 'creative', 'media'];
  await call(
    'PUT',
    `/clients/${clientId}/team`,
    headToken,
    { members: teamKeys.map((key) => ({ staffId: staff[key]!.staffId, role: staff[key]!.role })) },
    { 'if-match': '0' },
  );

  const aeToken = await tokenFor('ae');
  const jobs = [
    { brandId: brandIds[0]!, title: 'Spring relaunch campaign', type: 'campaign' },
    { brandId: brandIds[1]!, title: 'Summer cold-brew media plan', type: 'media' },
  ];
  const jobIds: string[] = [];
  for (const job of jobs) {
    const { body } = await call<{ jobId: string }>('POST', '/jobs', aeToken, { clientId, ...job });
    jobIds.push(body.jobId);
  }

  await seedDemoReview(call, jobIds[0]!, { ae: aeToken, am: await tokenFor('am'), ad: await tokenFor('ad') });

  // The media owners the demo's plans book: bookings go only to registered, approved vendors.
  const adToken = await tokenFor('ad');
  for (const name of demoMediaVendors) {
    const { body, etag } = await call<{ vendorId: string; version: number }>('POST', '/vendors', aeToken, {
      name,
      categories: ['media_owner'],
      contact: {
        name: `${name} bookings`,
        email: `bookings@${name.replace(/\W+/g, '').toLowerCase()}.example`,
      },
      paymentTermsDays: 30,
      taxId: 'ES-B00000000',
    });
    await call(
      'POST',
      `/vendors/${body.vendorId}/decision`,
      adToken,
      { decision: 'approve' },
      { 'if-match': etag ?? `"${body.version}"` },
    );
  }

  log(
    `[local] demo data: ${Object.keys(staff).length} staff, client ${clientId}, ${contactIds.length} contacts, ` +
      `${brandIds.length} brands, ${jobIds.length} jobs, ${demoMediaVendors.length} approved media vendors, a layout in client review (its approval email is in the inbox)`,
  );
  return { staff, clientId, brandIds, contactIds, jobIds, tokens };
}

/** A one-page A4 PDF: enough for the spec check to read its page size. */
const demoLayoutPdf = () =>
  new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >> endobj\n' +
      'trailer << /Root 1 0 R >>\n%%EOF\n',
  );

/**
 * A layout draft, uploaded and put into review; the AM and AD approve it internally, so the
 * client's approver finds an approval email (with a working link) in the local inbox.
 */
async function seedDemoReview(
  call: ReturnType<typeof client>,
  jobId: string,
  tokens: Record<'ae' | 'am' | 'ad', string>,
) {
  type Upload = { url: string; fields: Record<string, string> };
  const { body: created } = await call<{ draft: { draftId: string }; upload: Upload }>(
    'POST',
    `/jobs/${jobId}/drafts`,
    tokens.ae,
    {
      title: 'Spring relaunch — press layout',
      kind: 'layout',
      file: { name: 'layout.pdf', contentType: 'application/pdf' },
    },
  );
  const { draftId } = created.draft;
  const form = new FormData();
  for (const [name, value] of Object.entries(created.upload.fields)) form.append(name, value);
  form.append('file', new Blob([demoLayoutPdf()], { type: 'application/pdf' }), 'layout.pdf');
  const uploaded = await fetch(created.upload.url, { method: 'POST', body: form });
  if (!uploaded.ok) throw new ApiError(`Seeding failed: upload of the demo layout → ${uploaded.status}`);
  await call('POST', `/drafts/${draftId}/versions/1/complete`, tokens.ae);
  await call('POST', `/drafts/${draftId}/versions/1/reviews`, tokens.ae, {
    message: 'First layout for the spring relaunch press ads.',
  });
  // The workflow opens the internal step asynchronously: wait for each reviewer's request.
  for (const token of [tokens.am, tokens.ad]) {
    for (let attempt = 0; ; attempt++) {
      const { body } = await call<{ items: { approvalId: string; draftId: string }[] }>(
        'GET',
        '/approvals?assignee=me&status=pending',
        token,
      );
      const mine = body.items.find((a) => a.draftId === draftId);
      if (mine) {
        await call('POST', `/approvals/${mine.approvalId}/decision`, token, { decision: 'approve' });
        break;
      }
      if (attempt > 100) throw new ApiError('Seeding failed: the demo review did not reach internal review');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Tokens for the demo staff that exist (a restart over kept data). */
export async function demoTokens(mintToken: Mint): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const email of demoStaffEmails()) {
    try {
      tokens[email] = await mintToken(email);
    } catch {
      // not seeded (or removed): skip
    }
  }
  return tokens;
}
