import { Client as ClientEntity } from '../accounts/entities.js';
import {
  authorize,
  type Client,
  clientView,
  loadContact,
  openClient,
  openOwnedItem,
} from '../accounts/index.js';
import { Job as JobEntity } from '../jobs/entities.js';
import { type Job, openJobScope } from '../jobs/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getMailConfig, getReportsBucket } from '../platform/config.js';
import {
  backoff,
  fromItem,
  getItem,
  getItems,
  type Item,
  putIfVersion,
  putNew,
  putWhen,
  queryAll,
  TransactionRaceError,
  transact,
  updateWhen,
  type WriteOp,
} from '../platform/db/table.js';
import { issueDocumentLink } from '../platform/document-links.js';
import { notFound, versionConflict } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { createOnce, type IdempotencyRequest } from '../platform/idempotency.js';
import { newScopedId } from '../platform/ids.js';
import { sendEmail } from '../platform/mailer.js';
import { formatMoney, type Money, money, multiply, subtract, sum } from '../platform/money.js';
import { previewKeyPrefix } from '../platform/object-keys.js';
import { newRecord, now, patched, storedItem } from '../platform/records.js';
import { sendClaimed, sendingNow, sendingRecorded } from '../platform/sendings.js';
import { documentDownload, putDocument } from '../platform/storage.js';
import { logger } from '../platform/telemetry.js';
import { localDate } from '../platform/working-days.js';
import {
  billingTotalsMoved,
  creditStandingDue,
  ensureBillingTotals,
  refreshCreditStandingAfterChange,
} from './ageing.js';
import { type BillableLine, billableOfJob } from './billable.js';
import {
  Invoice as InvoiceEntity,
  InvoiceOfJob,
  InvoiceSequence,
  JobBilled,
  RevenueEntry,
  TimeEntry,
} from './entities.js';
import { type InvoiceContext, renderInvoice, renderInvoiceEmail } from './invoice-document.js';
import { creditOfNote } from './payments.js';
import type {
  BillingTerms,
  CreditNoteInput,
  DraftInvoiceInput,
  Invoice,
  InvoiceLine,
  UpdateDraftInvoiceInput,
} from './schemas.js';
import { billingRefusal, termsOf } from './terms.js';

/**
 * Invoices and credit notes (issue 14 §1). A draft is made from what is billable
 * (`billable.ts`), edited under optimistic locking, reviewed by the AE, approved by an AM when its
 * total is above the client's threshold, then issued: one transaction takes the next number of
 * the year (agency-wide, gap-free: the counter moves only with the invoice, as job numbers do),
 * fixes the invoice, records what each job had billed (only if still as the draft read it), marks
 * the time entries billed, writes the revenue entries, one per job, and raises what the client
 * owes (`billingTotalsMoved`: refused past what Account Desk holds). Issued, it never changes
 * but for what is paid on it and its chasing; corrections are credit notes, numbered alike.
 */

/** Lines one invoice holds: its issuing transaction (≤ 100 writes) also writes per job and per time entry. */
const maxLines = 80;
const maxTimeEntries = 60;
/** Concurrent issues race for the year's counter; the loser reads it again. */
const maxNumberingAttempts = 80;

type StoredInvoice = Invoice & {
  lineSources?: Record<string, { billedBefore: number; timeEntry?: { date: string; entryId: string } }>;
  /** An issued invoice: what its issued credit notes credited per line, and how many were issued. */
  credited?: Record<string, number>;
  creditNotesIssued?: number;
};

export const invoiceItem = (invoice: StoredInvoice, indexes: Record<string, string> = {}) =>
  storedItem(InvoiceEntity.type, InvoiceEntity.key(invoice.clientId, invoice.invoiceId), indexes, invoice);

/** What the API shows of a stored invoice (its issuing bookkeeping left out). */
export const invoiceView = (item: Item): Invoice => withoutBookkeeping(fromItem<StoredInvoice>(item));

function withoutBookkeeping(invoice: StoredInvoice): Invoice {
  const { lineSources: _, credited: __, creditNotesIssued: ___, ...view } = invoice;
  return view;
}

const lineId = (n: number) => `I${String(n).padStart(3, '0')}`;

function totalsOf(lines: InvoiceLine[], currency: string, taxRateBasisPoints: number) {
  const subtotal = sum(
    lines.map((l) => l.amount),
    currency,
  );
  const tax = multiply(subtotal, { numerator: taxRateBasisPoints, denominator: 10_000 });
  const total = sum([subtotal, tax]);
  return { subtotal, tax, total };
}

const aboveThreshold = (total: Money, terms: BillingTerms) =>
  total.amountMinor > terms.approvalThreshold.amountMinor;

async function billingContactOf(clientId: string, terms: BillingTerms) {
  const contact = await loadContact(clientId, terms.billingContactId);
  if (!contact?.active) throw billingRefusal(422, 'unknown_billing_contact', []);
  return {
    contactId: contact.contactId,
    name: contact.name,
    email: contact.email,
    language: contact.language ?? agencyLanguage,
  };
}

async function openInvoice(actorId: string, invoiceId: string) {
  const { caller, clientId, item } = await openOwnedItem<StoredInvoice>(actorId, invoiceId, 'Invoice', (c) =>
    InvoiceEntity.key(c, invoiceId),
  );
  return { caller, clientId, invoice: item };
}

export async function draftInvoice(
  actorId: string,
  clientId: string,
  input: DraftInvoiceInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<Invoice>(actorId, idempotency, async (remember) => {
    const { caller, clientItem } = await openClient(actorId, clientId);
    authorize(caller, 'invoice.draft');
    const client = clientView(clientItem);
    const terms = await termsOf(client);
    const through = input.through ?? localDate(new Date(), client.calendar.timeZone);
    const jobs = await jobsToBill(clientId, input.jobIds);
    const billingContact = await billingContactOf(clientId, terms);
    const billable = (
      await Promise.all(
        jobs.map((job) => billableOfJob(clientId, job, terms, through, billingContact.language)),
      )
    ).flat();
    if (billable.length === 0) throw billingRefusal(409, 'nothing_to_bill', []);
    const timeLines = billable.filter((l) => l.kind === 'time');
    if (billable.length > maxLines || timeLines.length > maxTimeEntries)
      throw billingRefusal(422, 'too_many_lines', [], 'body.jobIds');
    const invoiceId = newScopedId(clientId);
    const invoice = assemble({
      invoiceId,
      clientId,
      kind: 'invoice',
      lines: billable,
      terms,
      billingContact,
      draftedBy: caller.staffId,
      notes: input.notes,
    });
    const item = newRecord(InvoiceEntity.type, InvoiceEntity.key(clientId, invoiceId), {}, invoice);
    await transact([
      putNew(item),
      ...invoice.jobIds.map((jobId) =>
        putNew(
          storedItem(
            InvoiceOfJob.type,
            InvoiceOfJob.key(clientId, invoiceId, jobId),
            InvoiceOfJob.indexes({ jobId, invoiceId }),
            {
              clientId,
              invoiceId,
              jobId,
            },
          ),
        ),
      ),
      clientAuditEvent(clientId, {
        actorId,
        action: 'invoice.drafted',
        entityType: 'invoice',
        entityId: invoiceId,
        after: item,
      }),
      ...remember(invoiceView(item)),
    ]);
    return invoiceView(item);
  });
}

/** The client's jobs to bill: those named (each must be the client's), else all but cancelled ones. */
async function jobsToBill(clientId: string, jobIds: string[] | undefined): Promise<Job[]> {
  if (jobIds) {
    const items = await getItems(jobIds.map((jobId) => JobEntity.key(clientId, jobId)));
    return items.map((item, index) => {
      if (!item) throw notFound(`Job ${jobIds[index]}`);
      return fromItem<Job>(item);
    });
  }
  return (await queryAll(JobEntity.ofClient(clientId)))
    .map((i) => fromItem<Job>(i))
    .filter((j) => j.status !== 'cancelled');
}

/** A draft's fields from its lines: numbered lines, totals, whether an AM must approve. */
function assemble(input: {
  invoiceId: string;
  clientId: string;
  kind: Invoice['kind'];
  lines: BillableLine[];
  terms: BillingTerms;
  billingContact: Invoice['billingContact'];
  draftedBy: string;
  notes?: string;
  correctsInvoiceId?: string;
  reason?: string;
}): Omit<StoredInvoice, 'version' | 'createdAt' | 'updatedAt'> {
  const { terms } = input;
  const lineSources: StoredInvoice['lineSources'] = {};
  const lines: InvoiceLine[] = input.lines.map(({ billedBefore, timeEntry, ...line }, index) => {
    const id = lineId(index + 1);
    lineSources[id] = { billedBefore, ...(timeEntry ? { timeEntry } : {}) };
    return { lineId: id, ...line };
  });
  const totals = totalsOf(lines, terms.currency, terms.taxRateBasisPoints);
  return {
    invoiceId: input.invoiceId,
    clientId: input.clientId,
    kind: input.kind,
    status: 'draft',
    jobIds: [...new Set(lines.map((l) => l.jobId))],
    lines,
    ...totals,
    taxRateBasisPoints: terms.taxRateBasisPoints,
    paid: money(0, terms.currency),
    balance: totals.total,
    needsApproval: aboveThreshold(totals.total, terms),
    ...(input.correctsInvoiceId ? { correctsInvoiceId: input.correctsInvoiceId } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.notes ? { notes: input.notes } : {}),
    billingContact: input.billingContact,
    draftedBy: input.draftedBy,
    chasing: [],
    lineSources,
  };
}

function mustBeDraft(invoice: Invoice, expectedVersion: number) {
  if (invoice.status === 'issued' || invoice.status === 'paid')
    throw billingRefusal(409, 'already_issued', []);
  if (invoice.status === 'discarded') throw billingRefusal(409, 'not_a_draft', []);
  if (invoice.version !== expectedVersion) throw versionConflict('This invoice', expectedVersion);
}

async function saveDraft(
  actorId: string,
  before: StoredInvoice,
  next: StoredInvoice,
  action: string,
): Promise<Invoice> {
  const item = invoiceItem(next);
  await transact([
    putIfVersion(item, before.version, () => versionConflict('This invoice', before.version)),
    clientAuditEvent(before.clientId, {
      actorId,
      action,
      entityType: 'invoice',
      entityId: before.invoiceId,
      before: invoiceItem(before),
      after: item,
    }),
  ]);
  return invoiceView(item);
}

/** Edits a draft (lines left for a later invoice, notes): back to the AE's review. */
export async function updateDraftInvoice(
  actorId: string,
  invoiceId: string,
  expectedVersion: number,
  input: UpdateDraftInvoiceInput,
): Promise<Invoice> {
  const { caller, clientId, invoice } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.draft');
  mustBeDraft(invoice, expectedVersion);
  const removed = new Set(input.removeLineIds ?? []);
  for (const id of removed)
    if (!invoice.lines.some((l) => l.lineId === id))
      throw billingRefusal(422, 'unknown_line', [id], 'body.removeLineIds');
  const lines = invoice.lines.filter((l) => !removed.has(l.lineId));
  if (lines.length === 0) throw billingRefusal(422, 'empty_draft', [], 'body.removeLineIds');
  const client = clientView((await getItem(ClientEntity.key(clientId)))!);
  const terms = await termsOf(client);
  const totals = totalsOf(lines, invoice.total.currency, invoice.taxRateBasisPoints);
  const next = patched(invoice, {
    lines,
    jobIds: [...new Set(lines.map((l) => l.jobId))],
    ...totals,
    balance: totals.total,
    needsApproval: aboveThreshold(totals.total, terms),
    status: 'draft',
    reviewedBy: null,
    approvedBy: null,
    notes: input.notes,
  });
  return saveDraft(actorId, invoice, next, 'invoice.updated');
}

/** The AE has checked the draft line by line. */
export async function reviewInvoice(
  actorId: string,
  invoiceId: string,
  expectedVersion: number,
): Promise<Invoice> {
  const { caller, invoice } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.review');
  mustBeDraft(invoice, expectedVersion);
  const next = patched(invoice, { status: 'reviewed', reviewedBy: caller.staffId });
  return saveDraft(actorId, invoice, next, 'invoice.reviewed');
}

/** An account manager or above approves a reviewed invoice (needed above the client's threshold). */
export async function approveInvoice(
  actorId: string,
  invoiceId: string,
  expectedVersion: number,
): Promise<Invoice> {
  const { caller, invoice } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.approve');
  mustBeDraft(invoice, expectedVersion);
  if (invoice.status === 'draft') throw billingRefusal(409, 'not_reviewed', []);
  const next = patched(invoice, { status: 'approved', approvedBy: caller.staffId });
  return saveDraft(actorId, invoice, next, 'invoice.approved');
}

/** A draft nobody will issue (what it held stays billable). */
export async function discardInvoice(
  actorId: string,
  invoiceId: string,
  expectedVersion: number,
): Promise<Invoice> {
  const { caller, invoice } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.draft');
  mustBeDraft(invoice, expectedVersion);
  return saveDraft(actorId, invoice, patched(invoice, { status: 'discarded' }), 'invoice.discarded');
}

/** The counter moved on: the write that failed carries it as it is now (no read needed to retry). */
class SequenceTaken extends Error {
  constructor(readonly current: Item | undefined) {
    super('The number was taken');
  }
}
class BilledMeanwhile extends Error {}

const prefixes = { invoice: 'INV', creditNote: 'CN' } as const;
export const formatInvoiceNumber = (kind: Invoice['kind'], year: number, sequence: number) =>
  `${prefixes[kind]}-${year}-${String(sequence).padStart(6, '0')}`;

function revenueItems(invoice: StoredInvoice, issuedOn: string, number: string, sign: 1 | -1) {
  return invoice.jobIds.map((jobId) => {
    const lines = invoice.lines.filter((l) => l.jobId === jobId);
    const total = (key: keyof InvoiceLine['revenue']) => sign * lines.reduce((s, l) => s + l.revenue[key], 0);
    const fields = {
      clientId: invoice.clientId,
      issuedOn,
      jobId,
      documentId: invoice.invoiceId,
      documentNumber: number,
      kind: invoice.kind,
      currency: invoice.total.currency,
      feesMinor: total('feesMinor'),
      commissionMinor: total('commissionMinor'),
      rebilledMinor: total('rebilledMinor'),
      mediaNetMinor: total('mediaNetMinor'),
      netMinor:
        sign *
        sum(
          lines.map((l) => l.amount),
          invoice.total.currency,
        ).amountMinor,
    };
    return putNew(
      newRecord(
        RevenueEntry.type,
        RevenueEntry.key(invoice.clientId, issuedOn, invoice.invoiceId, jobId),
        RevenueEntry.indexes(fields),
        fields,
      ),
    );
  });
}

/** What each job's billed record becomes with the invoice's lines, only if still as the draft read it. */
async function billedWrites(invoice: StoredInvoice): Promise<WriteOp[]> {
  const ops: WriteOp[] = [];
  for (const jobId of invoice.jobIds) {
    const key = JobBilled.key(invoice.clientId, jobId);
    const current = await getItem(key);
    const billed = { ...((current?.billed as Record<string, number> | undefined) ?? {}) };
    for (const line of invoice.lines.filter((l) => l.jobId === jobId && l.kind !== 'time')) {
      const before = invoice.lineSources?.[line.lineId]?.billedBefore ?? 0;
      if ((billed[line.source] ?? 0) !== before) throw billingRefusal(409, 'already_billed', []);
      billed[line.source] = before + line.amount.amountMinor;
    }
    const version = (current?.version as number | undefined) ?? 0;
    const item = {
      ...key,
      itemType: JobBilled.type,
      clientId: invoice.clientId,
      jobId,
      billed,
      version: version + 1,
    };
    ops.push(
      current
        ? putIfVersion(item, version, () => new BilledMeanwhile())
        : putNew(item, () => new BilledMeanwhile()),
    );
  }
  for (const line of invoice.lines.filter((l) => l.kind === 'time')) {
    const entry = invoice.lineSources?.[line.lineId]?.timeEntry;
    if (!entry) continue;
    ops.push(
      updateWhen(
        TimeEntry.key(invoice.clientId, entry.date, entry.entryId),
        {
          expression: 'SET #billedBy = :invoice',
          condition: 'attribute_exists(PK) AND #status = :approved AND attribute_not_exists(#billedBy)',
          names: { '#billedBy': 'billedBy', '#status': 'status' },
          values: { ':invoice': invoice.invoiceId, ':approved': 'approved' },
        },
        () => billingRefusal(409, 'already_billed', []),
      ),
    );
  }
  return ops;
}

/**
 * What an issue writes besides the invoice and its number: a job's billed sources (an invoice),
 * or the corrected invoice's balance (a credit note) and what the note credits beyond it.
 */
interface Dependent {
  ops: WriteOp[];
  creditLeft: Money;
  corrected?: Invoice;
  /** A credit note's tax and total as issued (see `creditApplication`). */
  noteTotals?: Pick<Invoice, 'tax' | 'total' | 'balance'>;
}

/** Issues a reviewed (and, above the threshold, approved) draft: see the module's comment. */
export async function issueInvoice(
  actorId: string,
  invoiceId: string,
  expectedVersion: number,
): Promise<Invoice> {
  const { caller, clientId, invoice: draft } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.issue');
  mustBeDraft(draft, expectedVersion);
  if (draft.status === 'draft') throw billingRefusal(409, 'not_reviewed', []);
  if (draft.needsApproval && draft.status !== 'approved') throw billingRefusal(409, 'needs_approval', []);
  await ensureBillingTotals(clientId);
  const clientItem = (await openClient(actorId, clientId)).clientItem;
  const client = clientView(clientItem);
  const terms = await termsOf(client);
  const issuedOn = localDate(new Date(), client.calendar.timeZone);
  const year = Number(issuedOn.slice(0, 4));
  const dueOn = draft.kind === 'invoice' ? addDays(issuedOn, terms.paymentDays) : issuedOn;
  const sequenceKey = InvoiceSequence.key(draft.kind, year);
  let sequenceItem = await getItem(sequenceKey);
  let dependent: Dependent | undefined;
  let issuedView: Invoice | undefined;
  for (let attempt = 0; !issuedView; attempt++) {
    const last = (sequenceItem?.last as number | undefined) ?? 0;
    const sequence = last + 1;
    const number = formatInvoiceNumber(draft.kind, year, sequence);
    const open = draft.kind === 'invoice' && draft.balance.amountMinor > 0;
    // What else the transaction writes is read again only when it, not the counter, moved.
    dependent ??=
      draft.kind === 'invoice'
        ? {
            ops: [
              ...(await billedWrites(draft)),
              ...(open
                ? [billingTotalsMoved(clientId, { outstandingMinor: draft.balance.amountMinor })]
                : []),
            ],
            creditLeft: money(0, draft.total.currency),
          }
        : await creditApplication(draft);
    const issued: StoredInvoice = patched(draft, {
      status: open || draft.kind === 'creditNote' ? 'issued' : 'paid',
      number,
      issuedBy: caller.staffId,
      issuedOn,
      dueOn,
      ...dependent.noteTotals,
    });
    const item = invoiceItem(issued, {
      ...InvoiceEntity.register({ kind: draft.kind, year, sequence }),
      ...(open ? InvoiceEntity.receivable({ dueOn, invoiceId }) : {}),
    });
    try {
      const credit =
        dependent.creditLeft.amountMinor > 0 && dependent.corrected
          ? [
              putNew(
                creditOfNote({
                  clientId,
                  creditNoteId: invoiceId,
                  creditNoteNumber: number,
                  correctsNumber: dependent.corrected.number!,
                  amount: dependent.creditLeft,
                  issuedOn,
                  issuedBy: caller.staffId,
                }),
              ),
            ]
          : [];
      await transact([
        putWhen(
          { ...sequenceKey, itemType: InvoiceSequence.type, last: sequence },
          sequenceItem
            ? { expression: '#last = :last', names: { '#last': 'last' }, values: { ':last': last } }
            : { expression: 'attribute_not_exists(PK)' },
          (current) => new SequenceTaken(current),
        ),
        putIfVersion(item, draft.version, () => versionConflict('This invoice', draft.version)),
        ...dependent.ops,
        ...credit,
        ...revenueItems(draft, issuedOn, number, draft.kind === 'invoice' ? 1 : -1),
        creditStandingDue(clientId),
        clientAuditEvent(clientId, {
          actorId,
          action: `${draft.kind === 'invoice' ? 'invoice' : 'credit_note'}.issued`,
          entityType: 'invoice',
          entityId: invoiceId,
          before: invoiceItem(draft),
          after: item,
        }),
      ]);
      issuedView = invoiceView(item);
    } catch (error) {
      const raced =
        error instanceof SequenceTaken ||
        error instanceof TransactionRaceError ||
        error instanceof BilledMeanwhile;
      if (!raced) throw error;
      if (attempt + 1 >= maxNumberingAttempts) throw billingRefusal(503, 'numbering_busy', []);
      if (error instanceof SequenceTaken && error.current) {
        // Straight on with the counter as it now stands, after a short jitter (others are doing the same).
        sequenceItem = error.current;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
      } else {
        if (!(error instanceof SequenceTaken)) dependent = undefined;
        await backoff(Math.min(attempt, 3));
        sequenceItem = await getItem(sequenceKey);
      }
    }
  }
  // Issued: nothing after this answers an error, nor numbers the invoice again (each fails alone).
  await refreshCreditStandingAfterChange(clientId);
  return storeAndSendAfterIssue(actorId, issuedView, client);
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A credit note's effect on the invoice it corrects: what is owed on it goes down, never below
 * zero; what the note credits beyond that (the invoice was paid meanwhile, or more was credited
 * than it still owed) is kept as the client's unapplied credit — a payment item, like an
 * overpayment's excess, applied later to any invoice. Each line is credited at most its amount
 * over all issued notes: the invoice keeps what its notes credited per line and counts them, and
 * the issue holds only if no other note was issued since that was read — drafting checks the
 * same, but two drafts made at once both see the line whole.
 */
async function creditApplication(note: StoredInvoice): Promise<Dependent> {
  const item = await getItem(InvoiceEntity.key(note.clientId, note.correctsInvoiceId!));
  const invoice = fromItem<StoredInvoice>(item!);
  const creditedBefore = invoice.credited ?? (await creditedByIssuedNotes(invoice));
  const creditedAfter = { ...creditedBefore };
  for (const line of note.lines) {
    const lineId = line.source.slice(line.source.lastIndexOf('#') + 1);
    const corrected = invoice.lines.find((l) => l.lineId === lineId)!;
    const left = corrected.amount.amountMinor - (creditedBefore[lineId] ?? 0);
    if (line.amount.amountMinor > left)
      throw billingRefusal(409, 'over_credit', [lineId, formatMoney(money(left, corrected.amount.currency))]);
    creditedAfter[lineId] = (creditedAfter[lineId] ?? 0) + line.amount.amountMinor;
  }
  const noteTotals = issuedNoteTotals(note, creditedBefore);
  const credited = Math.min(noteTotals.total.amountMinor, invoice.balance.amountMinor);
  const creditLeft = money(noteTotals.total.amountMinor - credited, note.total.currency);
  const notesBefore = invoice.creditNotesIssued ?? 0;
  const paidMinor = invoice.paid.amountMinor + credited;
  const balanceMinor = invoice.total.amountMinor - paidMinor;
  const settles = credited > 0;
  return {
    ops: [
      updateWhen(
        InvoiceEntity.key(note.clientId, invoice.invoiceId),
        {
          expression: `SET #credited = :credited, #notes = :notesAfter${settles ? `, #paid = :paid, #balance = :balance, #status = :status${balanceMinor === 0 ? ' REMOVE GSI2PK, GSI2SK' : ''}` : ''}`,
          condition: `#paid.amountMinor = :paidBefore AND ${notesBefore === 0 ? 'attribute_not_exists(#notes)' : '#notes = :notesBefore'}`,
          names: {
            '#paid': 'paid',
            '#credited': 'credited',
            '#notes': 'creditNotesIssued',
            ...(settles ? { '#balance': 'balance', '#status': 'status' } : {}),
          },
          values: {
            ':credited': creditedAfter,
            ':notesAfter': notesBefore + 1,
            ':paidBefore': invoice.paid.amountMinor,
            ...(notesBefore === 0 ? {} : { ':notesBefore': notesBefore }),
            ...(settles
              ? {
                  ':paid': money(paidMinor, invoice.total.currency),
                  ':balance': money(balanceMinor, invoice.total.currency),
                  ':status': balanceMinor === 0 ? 'paid' : 'issued',
                }
              : {}),
          },
        },
        () => new BilledMeanwhile(),
      ),
      ...(settles || creditLeft.amountMinor > 0
        ? [billingTotalsMoved(note.clientId, { outstandingMinor: -credited, credit: creditLeft })]
        : []),
    ],
    creditLeft,
    corrected: invoice,
    noteTotals,
  };
}

/**
 * A credit note's tax as issued: the tax of all its invoice's notes so far, this one included,
 * less the tax of those issued before — each rounded once (half to even). Rounded note by note,
 * crediting a line in parts could credit a cent more than the invoice's tax (10 % of 0.15 and of
 * 99.90 round to 0.02 and 9.99; of 100.05 to 10.00); this way the notes' tax never passes it.
 */
function issuedNoteTotals(note: StoredInvoice, creditedBefore: Record<string, number>) {
  const currency = note.subtotal.currency;
  const rate = { numerator: note.taxRateBasisPoints, denominator: 10_000 };
  const before = Object.values(creditedBefore).reduce((a, b) => a + b, 0);
  const taxOf = (subtotalMinor: number) => multiply(money(subtotalMinor, currency), rate);
  const tax = subtract(taxOf(before + note.subtotal.amountMinor), taxOf(before));
  const total = sum([note.subtotal, tax]);
  return { tax, total, balance: total };
}

/** What the issued credit notes of an invoice credited per line (an invoice issued before it kept count). */
async function creditedByIssuedNotes(invoice: StoredInvoice): Promise<Record<string, number>> {
  const credited: Record<string, number> = {};
  for (const item of await queryAll(InvoiceEntity.ofClient(invoice.clientId))) {
    const note = fromItem<StoredInvoice>(item);
    if (note.correctsInvoiceId !== invoice.invoiceId || (note.status !== 'issued' && note.status !== 'paid'))
      continue;
    for (const line of note.lines) {
      const lineId = line.source.slice(line.source.lastIndexOf('#') + 1);
      credited[lineId] = (credited[lineId] ?? 0) + line.amount.amountMinor;
    }
  }
  return credited;
}

async function invoiceContext(invoice: Invoice, client: Client): Promise<InvoiceContext> {
  const corrected =
    invoice.correctsInvoiceId &&
    (await getItem(InvoiceEntity.key(invoice.clientId, invoice.correctsInvoiceId)));
  return {
    agencyName: getMailConfig().agencyName,
    clientName: client.name,
    ...(corrected ? { correctsNumber: corrected.number as string } : {}),
  };
}

const documentOf = (invoice: Invoice) => ({
  fileName: `${invoice.kind === 'invoice' ? 'invoice' : 'credit-note'}-${invoice.number}.html`,
  contentType: 'text/html; charset=utf-8',
});

/**
 * Stores the issued document in the reports bucket unless it is there already, and emails its
 * link to the billing contact (as the contact stands now: an email address corrected since is
 * used). Each step is recorded on the invoice as it succeeds — the document, then the sending,
 * with an audit event — so a failure leaves it saying what is missing, for `…/send` to finish.
 */
async function storeAndSend(actorId: string, invoice: Invoice, client: Client): Promise<Invoice> {
  const key = InvoiceEntity.key(invoice.clientId, invoice.invoiceId);
  const context = await invoiceContext(invoice, client);
  let document = invoice.document;
  if (!document) {
    const objectKey = `clients/${invoice.clientId}/billing/${invoice.invoiceId}.html`;
    const stored = await putDocument(
      getReportsBucket(),
      objectKey,
      renderInvoice(invoice, context),
      'text/html; charset=utf-8',
    );
    document = { objectKey, objectVersionId: stored.objectVersionId, sha256: stored.sha256 };
    await transact([
      updateWhen(key, {
        expression: 'SET #document = :document',
        names: { '#document': 'document' },
        values: { ':document': document },
      }),
    ]);
  }
  const current = await loadContact(invoice.clientId, invoice.billingContact.contactId);
  const billingContact = current?.active
    ? { ...invoice.billingContact, name: current.name, email: current.email }
    : invoice.billingContact;
  const link = await issueDocumentLink({
    clientId: invoice.clientId,
    reader: { kind: 'contact', contactId: billingContact.contactId },
    document: { bucket: 'reports', ...document, ...documentOf(invoice) },
    purpose: invoice.kind === 'invoice' ? 'invoice' : 'credit note',
    expiresAt: new Date(Date.now() + 180 * 86_400_000).toISOString(),
  });
  await sendEmail(renderInvoiceEmail({ ...invoice, billingContact }, context, link));
  const sending = sendingNow(billingContact.email, actorId);
  const sent = { ...invoice, document, sendings: [...(invoice.sendings ?? []), sending] };
  await transact([
    sendingRecorded(key, sending),
    clientAuditEvent(invoice.clientId, {
      actorId,
      action: `${invoice.kind === 'invoice' ? 'invoice' : 'credit_note'}.sent`,
      entityType: 'invoice',
      entityId: invoice.invoiceId,
      before: invoiceItem(invoice),
      after: invoiceItem(sent),
    }),
  ]);
  return sent;
}

/** What issuing returns once the transaction holds: sent, or, if storing or sending failed, as it stands. */
async function storeAndSendAfterIssue(actorId: string, invoice: Invoice, client: Client): Promise<Invoice> {
  try {
    return await storeAndSend(actorId, invoice, client);
  } catch (error) {
    logger.warn('The issued invoice could not be stored or emailed; sending it again finishes it', {
      invoiceId: invoice.invoiceId,
      error,
    });
    // As it stands (the document may be stored); as issued, if even that cannot be read now.
    const stands = await getItem(InvoiceEntity.key(invoice.clientId, invoice.invoiceId)).catch(
      () => undefined,
    );
    return stands ? invoiceView(stands) : invoice;
  }
}

/**
 * Sends an issued invoice or credit note to the billing contact again (AE and above, or finance):
 * its document stored first if issuing could not store it. Recorded in its `sendings`.
 */
export async function resendInvoice(
  actorId: string,
  invoiceId: string,
  expectedVersion?: number,
): Promise<Invoice> {
  const { caller, clientId, invoice } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.issue');
  if (invoice.status !== 'issued' && invoice.status !== 'paid') throw billingRefusal(409, 'not_sendable', []);
  const version = expectedVersion ?? invoice.version;
  if (invoice.version !== version) throw versionConflict('This invoice', version);
  const client = clientView((await openClient(actorId, clientId)).clientItem);
  // Claimed on the version read before anything is stored or emailed: of sends at once, one emails.
  const at = now();
  await transact([
    sendClaimed(
      InvoiceEntity.key(clientId, invoiceId),
      version,
      () => versionConflict('This invoice', version),
      at,
    ),
  ]);
  const claimed = { ...invoice, version: version + 1, updatedAt: at };
  return storeAndSend(actorId, withoutBookkeeping(claimed), client);
}

/** A credit note of an issued invoice, as a draft: credits per line, at most what each line has left. */
export async function draftCreditNote(
  actorId: string,
  invoiceId: string,
  input: CreditNoteInput,
  idempotency?: IdempotencyRequest,
) {
  return createOnce<Invoice>(actorId, idempotency, async (remember) => {
    const { caller, clientId, invoice } = await openInvoice(actorId, invoiceId);
    authorize(caller, 'invoice.draft');
    if (invoice.kind !== 'invoice' || (invoice.status !== 'issued' && invoice.status !== 'paid'))
      throw billingRefusal(409, 'not_issued', []);
    const client = clientView((await openClient(actorId, clientId)).clientItem);
    const terms = { ...(await termsOf(client)), taxRateBasisPoints: invoice.taxRateBasisPoints };
    const earlier = (await queryAll(InvoiceEntity.ofClient(clientId)))
      .map((i) => fromItem<StoredInvoice>(i))
      .filter((n) => n.correctsInvoiceId === invoiceId && n.status !== 'discarded');
    const lines: BillableLine[] = input.lines.map((credit, index) => {
      const field = `body.lines.${index}`;
      const line = invoice.lines.find((l) => l.lineId === credit.lineId);
      if (!line) throw billingRefusal(422, 'unknown_line', [credit.lineId], `${field}.lineId`);
      if (credit.amount.amountMinor === 0)
        throw billingRefusal(422, 'zero_amount', [], `${field}.amount.amountMinor`);
      if (credit.amount.currency !== line.amount.currency)
        throw billingRefusal(422, 'currency_mismatch', [line.amount.currency], `${field}.amount`);
      const creditedBefore = earlier
        .flatMap((n) => n.lines)
        .filter((l) => l.source === `${invoiceId}#${line.lineId}`)
        .reduce((s, l) => s + l.amount.amountMinor, 0);
      const left = line.amount.amountMinor - creditedBefore;
      if (credit.amount.amountMinor > left)
        throw billingRefusal(
          422,
          'over_credit',
          [line.lineId, formatMoney(money(left, line.amount.currency))],
          `${field}.amount`,
        );
      // The credit takes the revenue back in the line's proportions.
      const share = (value: number) =>
        line.amount.amountMinor === 0
          ? 0
          : multiply(money(value, line.amount.currency), {
              numerator: credit.amount.amountMinor,
              denominator: line.amount.amountMinor,
            }).amountMinor;
      const revenue = {
        feesMinor: share(line.revenue.feesMinor),
        commissionMinor: share(line.revenue.commissionMinor),
        rebilledMinor: share(line.revenue.rebilledMinor),
        mediaNetMinor: 0,
      };
      revenue.mediaNetMinor =
        credit.amount.amountMinor - revenue.feesMinor - revenue.commissionMinor - revenue.rebilledMinor;
      return {
        jobId: line.jobId,
        jobNumber: line.jobNumber,
        kind: 'credit',
        source: `${invoiceId}#${line.lineId}`,
        description: `${invoice.number} ${line.lineId}: ${line.description}`,
        amount: credit.amount,
        revenue,
        billedBefore: creditedBefore,
      };
    });
    const noteId = newScopedId(clientId);
    const note = assemble({
      invoiceId: noteId,
      clientId,
      kind: 'creditNote',
      lines,
      terms,
      billingContact: invoice.billingContact,
      draftedBy: caller.staffId,
      correctsInvoiceId: invoiceId,
      reason: input.reason,
    });
    const item = newRecord(InvoiceEntity.type, InvoiceEntity.key(clientId, noteId), {}, note);
    await transact([
      putNew(item),
      clientAuditEvent(clientId, {
        actorId,
        action: 'credit_note.drafted',
        entityType: 'invoice',
        entityId: noteId,
        after: item,
      }),
      ...remember(invoiceView(item)),
    ]);
    return invoiceView(item);
  });
}

export async function getInvoice(actorId: string, invoiceId: string): Promise<Invoice> {
  const { invoice } = await openInvoice(actorId, invoiceId);
  return withoutBookkeeping(invoice);
}

export async function listClientInvoices(
  actorId: string,
  clientId: string,
  filter: { status?: Invoice['status']; kind?: Invoice['kind'] },
): Promise<Invoice[]> {
  await openClient(actorId, clientId);
  return (await queryAll(InvoiceEntity.ofClient(clientId)))
    .map(invoiceView)
    .filter((i) => (!filter.status || i.status === filter.status) && (!filter.kind || i.kind === filter.kind))
    .sort(
      (a, b) => (b.number ?? '~').localeCompare(a.number ?? '~') || b.createdAt.localeCompare(a.createdAt),
    );
}

export async function listJobInvoices(actorId: string, jobId: string): Promise<Invoice[]> {
  const { clientId } = await openJobScope(actorId, jobId);
  const links = await queryAll(InvoiceOfJob.ofJob(jobId));
  const items = await getItems(links.map((l) => InvoiceEntity.key(clientId, l.invoiceId as string)));
  return items.filter((i): i is Item => Boolean(i)).map(invoiceView);
}

/**
 * A draft invoice or credit note as its document will be issued — the same renderer, in the
 * billing contact's language, dated as if issued today (due after the client's payment days) —
 * marked as a preview, without its number (given at issue). Stored apart from issued documents,
 * under the previews prefix (every version expired a day later by the bucket's lifecycle) and the
 * draft's version, and presigned for a few minutes like the issued document. A credit note's tax
 * is shown as drafted; issuing recounts it against the notes issued before it.
 */
export async function previewInvoiceDocument(actorId: string, invoiceId: string) {
  const { caller, clientId, invoice } = await openInvoice(actorId, invoiceId);
  authorize(caller, 'invoice.draft');
  if (invoice.status === 'issued' || invoice.status === 'paid')
    throw billingRefusal(409, 'already_issued', []);
  if (invoice.status === 'discarded') throw billingRefusal(409, 'not_a_draft', []);
  const client = clientView((await openClient(actorId, clientId)).clientItem);
  const terms = await termsOf(client);
  const issuedOn = localDate(new Date(), client.calendar.timeZone);
  const draft = withoutBookkeeping(invoice);
  const asIssued: Invoice = {
    ...draft,
    issuedOn,
    dueOn: draft.kind === 'invoice' ? addDays(issuedOn, terms.paymentDays) : issuedOn,
  };
  const html = renderInvoice(asIssued, { ...(await invoiceContext(asIssued, client)), preview: true });
  const stored = await putDocument(
    getReportsBucket(),
    `${previewKeyPrefix}clients/${clientId}/billing/${invoiceId}-v${invoice.version}.html`,
    html,
    'text/html; charset=utf-8',
  );
  return documentDownload(getReportsBucket(), stored, 300, {
    fileName: `${invoice.kind === 'invoice' ? 'invoice' : 'credit-note'}-preview.html`,
    contentType: 'text/html; charset=utf-8',
  });
}

/** The issued document, presigned for a few minutes (staff of the client's team). */
export async function downloadInvoiceDocument(actorId: string, invoiceId: string) {
  const { invoice } = await openInvoice(actorId, invoiceId);
  if (!invoice.document) throw notFound('The document of this invoice');
  return documentDownload(getReportsBucket(), invoice.document, 300, documentOf(invoice));
}
