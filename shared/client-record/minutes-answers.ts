import { randomBytes } from 'node:crypto';
import { contactIsActive, type Language } from '../accounts/index.js';
import { clientAuditEvent } from '../platform/audit.js';
import { getMailConfig } from '../platform/config.js';
import { deleteWhen, putNew, putWhen, transact, type WriteOp } from '../platform/db/table.js';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../platform/errors.js';
import { agencyLanguage } from '../platform/i18n.js';
import { newId } from '../platform/ids.js';
import { hashOf, lookUpToken, newToken } from '../platform/link-tokens.js';
import { now, patched } from '../platform/records.js';
import { MinutesAnswer as AnswerEntity, MinutesLink, MinutesPageView } from './entities.js';
import { minutesWords } from './messages.js';
import {
  agencyName,
  changeVersion,
  loadClient,
  loadVersion,
  resumeWindow,
  type StoredVersion,
} from './minutes-store.js';
import type { Minutes, MinutesAnswer, MinutesForm } from './schemas.js';

/**
 * The client's answer to issued minutes (issue 15 §1), through the page behind each attendee's
 * emailed link, under the sign-off engine's link rules: the token is 256 random bits of which only
 * a purpose-salted SHA-256 is stored, throttled per address and per link
 * (`shared/platform/link-tokens.ts`, shared with approval and document links); GET never answers
 * (it shows the minutes, logs the view and issues a one-hour nonce for the form); the POST comes
 * from the page's own origin (the handler checks) with that nonce; a link answers once. Every
 * answer is one transaction on the version (conditional on the version read): the answer, its
 * evidence, the audit event, the nonce consumed and the link marked used. A question disputes the
 * version; the last attendee's confirm confirms it; either resumes the window's workflow, which
 * tells the reporter. The window closes at its deadline: a later answer is refused (the minutes stand).
 */
const purpose = 'minutes-link';
const nonceSeconds = 60 * 60;
/** A link's record outlives its expiry, so its page can still say how the minutes ended. */
const linkRetentionSeconds = 180 * 24 * 3600;
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

interface Bound {
  reportId: string;
  number: number;
  contactId: string;
}

interface StoredMinutesLink extends Bound {
  tokenHash: string;
  clientId: string;
  linkExpiresAt: string;
  createdAt: string;
  usedAt?: string;
}

const linkItem = (link: StoredMinutesLink) => ({
  ...MinutesLink.key(link.tokenHash),
  itemType: MinutesLink.type,
  ...link,
  expiresAt: epochSeconds(link.linkExpiresAt) + linkRetentionSeconds,
});

/** Issues an attendee's link to one version's page; returns its URL (the token exists only there). */
export async function issueMinutesLink(clientId: string, bound: Bound, expiresAt: string): Promise<string> {
  const token = newToken();
  const link: StoredMinutesLink = {
    tokenHash: hashOf(purpose, token),
    clientId,
    ...bound,
    linkExpiresAt: expiresAt,
    createdAt: now(),
  };
  await transact([putNew(linkItem(link))]);
  return `${getMailConfig().publicBaseUrl}/approve/minutes/${token}`;
}

/** A live link, or an expired one (its page says how the minutes ended), or nothing. */
async function lookUp(token: string, ip: string): Promise<StoredMinutesLink | undefined> {
  const found = await lookUpToken<StoredMinutesLink>(token, ip, {
    purpose,
    keyOf: MinutesLink.key,
    live: (link) => link.linkExpiresAt > now(),
  });
  if (found.kind === 'invalid') return undefined;
  // An attendee deactivated since (they left the client): the link opens and answers nothing.
  return (await contactIsActive(found.record.clientId, found.record.contactId)) ? found.record : undefined;
}

/** The writes that spend a link on its answer: the page's nonce consumed, the link marked used. */
function spendLink(link: StoredMinutesLink, nonce: string): WriteOp[] {
  return [
    deleteWhen(
      MinutesLink.nonceKey(link.tokenHash, nonce),
      { expression: 'attribute_exists(PK) AND validUntil > :now', values: { ':now': now() } },
      () =>
        badRequest('stale_form', 'This form has expired: reload the page and answer again.', 'body.nonce'),
    ),
    putWhen(
      linkItem({ ...link, usedAt: now() }),
      { expression: 'attribute_exists(PK) AND attribute_not_exists(usedAt)' },
      () => conflict('already_answered', 'This link has been used.'),
    ),
  ];
}

export interface MinutesPageFacts {
  /** The attendee's language (recorded with the contact); the handler falls back to the browser's. */
  language?: Language;
  agencyName: string;
  clientName: string;
  timeZone: string;
  reportId: string;
  version: number;
  minutes: Minutes;
  contactName: string;
  deadlineText: string;
  /** This attendee's answer, once given. */
  answer?: 'confirm' | 'question';
  answeredAt?: string;
  /** Why it is settled, in the reader's words (confirmed, confirmed by silence, disputed). */
  settled?: string;
}

export type MinutesPage =
  | { state: 'invalid' }
  | { state: 'open'; facts: MinutesPageFacts; nonce?: string }
  | { state: 'answered' | 'superseded' | 'closed'; facts: MinutesPageFacts };

async function pageOf(link: StoredMinutesLink): Promise<Exclude<MinutesPage, { state: 'invalid' }>> {
  const [version, { client, calendar }] = await Promise.all([
    loadVersion(link.clientId, link.reportId, link.number),
    loadClient(link.clientId),
  ]);
  if (!version) throw notFound('Minutes');
  const recipient = version.recipients.find((r) => r.contactId === link.contactId);
  const w = minutesWords[recipient?.language ?? agencyLanguage];
  const tz = calendar.timeZone;
  const confirmedAt = version.confirmations[link.contactId];
  const asked = version.question?.contactId === link.contactId ? version.question : undefined;
  const facts: MinutesPageFacts = {
    ...(recipient?.language ? { language: recipient.language } : {}),
    agencyName: agencyName(),
    clientName: client.name,
    timeZone: tz,
    reportId: link.reportId,
    version: version.number,
    minutes: version.minutes,
    contactName: recipient?.name ?? '',
    deadlineText: version.deadline ? w.endOfDay(version.deadline, tz) : '',
    ...(confirmedAt ? { answer: 'confirm' as const, answeredAt: w.moment(confirmedAt, tz) } : {}),
    ...(asked ? { answer: 'question' as const, answeredAt: w.moment(asked.at, tz) } : {}),
  };
  if (facts.answer) return { state: 'answered', facts };
  if (version.status === 'superseded') return { state: 'superseded', facts };
  const p = w.page;
  if (version.status === 'confirmed') {
    return {
      state: 'closed',
      facts: { ...facts, settled: p.closedConfirmed(w.moment(version.settledAt!, tz)) },
    };
  }
  if (version.status === 'disputed')
    return { state: 'closed', facts: { ...facts, settled: p.closedDisputed } };
  if (
    version.status === 'confirmed_by_silence' ||
    (version.deadline && Date.parse(version.deadline) <= Date.now())
  ) {
    return { state: 'closed', facts: { ...facts, settled: p.closedSilence(facts.deadlineText) } };
  }
  return { state: 'open', facts };
}

/**
 * GET (and HEAD) of a minutes link: what the page shows. Never answers anything. A GET of open
 * minutes logs a page view and issues a nonce for its form; HEAD writes nothing.
 */
export async function showMinutesPage(
  token: string,
  meta: RequestMeta,
  method: 'GET' | 'HEAD',
): Promise<MinutesPage> {
  const link = await lookUp(token, meta.ip);
  if (!link) return { state: 'invalid' };
  const page = await pageOf(link);
  if (method === 'HEAD' || page.state !== 'open') return page;
  const at = now();
  const viewId = newId();
  const nonce = randomBytes(18).toString('base64url');
  const validUntil = new Date(Date.now() + nonceSeconds * 1000).toISOString();
  await transact([
    putNew({
      ...MinutesLink.nonceKey(link.tokenHash, nonce),
      itemType: 'minutesNonce',
      validUntil,
      expiresAt: epochSeconds(validUntil),
    }),
    putNew({
      ...MinutesPageView.key(link.clientId, link.reportId, at, viewId),
      itemType: MinutesPageView.type,
      viewId,
      reportId: link.reportId,
      version: link.number,
      contactId: link.contactId,
      at,
      ip: meta.ip,
      userAgent: meta.userAgent,
    }),
  ]);
  return { ...page, nonce };
}

/** The page's form, posted from the page: records this attendee's answer (once). */
export async function answerMinutesByLink(
  token: string,
  form: MinutesForm,
  meta: RequestMeta,
): Promise<MinutesPage> {
  const link = await lookUp(token, meta.ip);
  if (!link) return { state: 'invalid' };
  if (form.reportId !== link.reportId || form.version !== link.number) {
    throw forbidden('This link is not for those minutes.');
  }
  if (form.answer === 'question' && !form.question) {
    const version = await loadVersion(link.clientId, link.reportId, link.number);
    const language = version?.recipients.find((r) => r.contactId === link.contactId)?.language;
    throw badRequest(
      'question_required',
      minutesWords[language ?? agencyLanguage].page.questionRequired,
      'body.question',
    );
  }
  try {
    await recordAnswer({
      clientId: link.clientId,
      reportId: link.reportId,
      number: link.number,
      contactId: link.contactId,
      answer: form.answer,
      question: form.question,
      meta,
      extra: () => spendLink(link, form.nonce),
    });
  } catch (error) {
    // An answer that can no longer be recorded: the page says why.
    const settled =
      error instanceof AppError &&
      ['already_answered', 'minutes_settled', 'superseded', 'window_closed'].includes(error.code);
    if (!settled) throw error;
  }
  return pageOf(link);
}

interface AnswerInput {
  clientId: string;
  reportId: string;
  number: number;
  contactId: string;
  answer: 'confirm' | 'question';
  question?: string;
  meta: RequestMeta;
  extra?: () => WriteOp[];
}

const settledError = (version: StoredVersion) =>
  version.status === 'superseded'
    ? conflict(
        'superseded',
        `Version ${version.number} was superseded by a corrected version: answer that one.`,
      )
    : version.status === 'sending'
      ? conflict('minutes_settled', 'These minutes are still being sent: try again in a moment.')
      : conflict('minutes_settled', `These minutes are settled (${version.status.replace(/_/g, ' ')}).`);

async function recordAnswer(input: AnswerInput): Promise<{ version: StoredVersion; answer: MinutesAnswer }> {
  const outcome = await changeVersion(input.clientId, input.reportId, input.number, async (current) => {
    if (current.status !== 'awaiting_confirmation') throw settledError(current);
    const at = now();
    if (Date.parse(current.deadline!) <= Date.parse(at)) {
      throw conflict(
        'window_closed',
        'The time to raise a question has ended: the minutes stand as confirmed.',
      );
    }
    const recipient = current.recipients.find(
      (r) => r.role === 'attendee' && r.contactId === input.contactId,
    );
    if (!recipient?.mailedAt) {
      throw unprocessable(
        'not_an_attendee',
        'That contact is not one of the client attendees these minutes went to.',
        'body.contactId',
      );
    }
    if (current.confirmations[input.contactId] || current.question?.contactId === input.contactId) {
      throw conflict('already_answered', 'This attendee already answered these minutes.');
    }
    const confirmations =
      input.answer === 'confirm'
        ? { ...current.confirmations, [input.contactId]: at }
        : current.confirmations;
    const everyone = current.recipients.filter((r) => r.role === 'attendee' && r.mailedAt && r.contactId);
    const allConfirmed = everyone.every((r) => confirmations[r.contactId!]);
    const next = patched(
      current,
      input.answer === 'question'
        ? {
            status: 'disputed',
            settledAt: at,
            question: { contactId: input.contactId, name: recipient.name, text: input.question!, at },
          }
        : { confirmations, ...(allConfirmed ? { status: 'confirmed', settledAt: at } : {}) },
      at,
    );
    const answerId = newId();
    const answer: MinutesAnswer = {
      answerId,
      version: current.number,
      contactId: input.contactId,
      contactName: recipient.name,
      answer: input.answer,
      ...(input.question ? { question: input.question } : {}),
      via: 'link',
      at,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      document: current.document,
    };
    return {
      next,
      writes: [
        putNew({
          ...AnswerEntity.key(input.clientId, input.reportId, at, answerId),
          itemType: AnswerEntity.type,
          ...answer,
        }),
        clientAuditEvent(input.clientId, {
          actorId: input.contactId,
          action: `contact_report.${input.answer === 'question' ? 'questioned' : 'confirmed'}`,
          entityType: 'contactReport',
          entityId: input.reportId,
          before: { version: current.version },
          after: { version: next.version },
        }),
        ...(input.extra?.() ?? []),
      ],
      result: answer,
    };
  });
  if (outcome.version.status !== 'awaiting_confirmation') {
    await resumeWindow(input.clientId, input.reportId, input.number);
  }
  return { version: outcome.version, answer: outcome.result! };
}
