import { fromItem, getItem, getItems, putIfVersion } from '../platform/db/table.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { now, patched } from '../platform/records.js';
import { type Review, type ReviewTitleKind, type Subject, titled } from '../signoff/index.js';
import { briefItem, briefSignedBy, briefsToClient, briefVersionItem } from './briefs.js';
import { Brief as BriefEntity, BriefVersion as BriefVersionEntity } from './entities.js';
import { trafficSignedOffWords, trafficWords } from './messages.js';
import type { Brief, BriefKind, BriefVersion } from './schemas.js';

/**
 * A brief version as a subject of the sign-off engine: the account manager's approval (an account
 * director may give it too: any one of them), then — when the review was started for it, and only
 * for client and creative briefs — the client's sign-off by link. Signed off = approved (internal
 * only) or signed by the client. The account manager's approval of a creative brief is what lets
 * creative milestones start; the traffic observer records it when the internal step settles.
 */
async function versionOf(clientId: string, briefId: string, number: number) {
  const item = await getItem(BriefVersionEntity.key(clientId, briefId, number));
  if (!item) throw notFound('Brief version');
  return fromItem<BriefVersion>(item);
}

async function setStatus(
  review: Review,
  number: number,
  status: BriefVersion['status'],
  extra: Record<string, unknown> = {},
) {
  const version = await versionOf(review.clientId, review.subjectId, number);
  return {
    version,
    op: putIfVersion(
      briefVersionItem(review.clientId, patched(version, { status, ...extra })),
      version.version,
      () => conflict('version_conflict', 'The brief version changed concurrently.'),
    ),
  };
}

/** The sign-off title kind of each brief kind ("Creative brief: …"), worded per reader by sign-off. */
const titleKinds: Record<BriefKind, ReviewTitleKind> = {
  client: 'client_brief',
  creative: 'creative_brief',
  media: 'media_brief',
  research: 'research_brief',
};

const toClient = (review: Pick<Review, 'clientApproverIds'>) => review.clientApproverIds.length > 0;

export const briefSubject: Subject = {
  type: 'brief',
  approves: briefSignedBy,
  noun: 'Brief',
  makers: { role: 'account_executive' },
  key: (clientId, id) => BriefEntity.key(clientId, id),
  chainPath: (id) => `/briefs/${id}/approvals`,
  // domain.md §2: the AM approves creative-meeting briefs; the AD approves briefs going to review meetings.
  internal: { roles: ['account_manager', 'account_director'], mode: 'any' },
  async open(clientId, briefId, number, input) {
    const [briefItem, versionItem] = await getItems([
      BriefEntity.key(clientId, briefId),
      BriefVersionEntity.key(clientId, briefId, number),
    ]);
    if (!briefItem) throw notFound('Brief');
    if (!versionItem) throw notFound('Brief version');
    const brief = fromItem<Brief>(briefItem);
    if (number !== brief.latestVersion) {
      throw conflict(
        'superseded_version',
        `Version ${brief.latestVersion} is the latest: review that one.`,
        'path.n',
      );
    }
    const clientSignOff = Boolean((input as { clientSignOff?: boolean }).clientSignOff);
    if (clientSignOff && !briefsToClient.includes(brief.kind)) {
      throw unprocessable(
        'internal_only',
        `A ${brief.kind} brief is approved inside the agency; it does not go to the client.`,
        'body.clientSignOff',
      );
    }
    if (!clientSignOff && input.clientApproverIds) {
      throw unprocessable(
        'no_client_step',
        'This review stays inside the agency: name client approvers only with clientSignOff.',
        'body.clientApproverIds',
      );
    }
    const version = fromItem<BriefVersion>(versionItem);
    if (version.status === 'signed') {
      throw conflict('already_signed', 'The client has signed this version already.', 'path.n');
    }
    return {
      ...titled({ kind: titleKinds[brief.kind], name: brief.title }),
      kind: brief.kind,
      jobId: brief.jobId,
      refs: { briefId },
      clientSignOff,
    };
  },
  presentedToClient: async () => true,
  async newestVersion(review) {
    const brief = await getItem(BriefEntity.key(review.clientId, review.subjectId));
    return brief ? fromItem<Brief>(brief).latestVersion : undefined;
  },
  async version(review, number) {
    const version = await versionOf(review.clientId, review.subjectId, number);
    return {
      file: { draftVersion: number, ...version.document },
      fileName: `${review.kind}-brief-v${number}.html`,
      contentType: 'text/html',
    };
  },
  approvalLeadsTo(review, stage, language) {
    const words = trafficWords[language];
    return stage === 'internal' && toClient(review) ? words.briefToClient : words.briefSigned;
  },
  async after(review, stage) {
    return stage === 'internal' && toClient(review) ? { stage: 'client' } : 'signed_off';
  },
  async onStepOpened(review, stage, number) {
    if (stage === 'revision') return [];
    const { version, op } = await setStatus(review, number, 'in_review');
    return version.status === 'in_review' ? [] : [op];
  },
  async onSuperseded(review, number) {
    const { version, op } = await setStatus(review, number, 'superseded');
    return version.status === 'in_review' ? [op] : [];
  },
  afterEnded: async () => {},
  signedOffNotice(review, number, language) {
    const words = trafficSignedOffWords[language];
    return toClient(review)
      ? { subject: words.briefSigned.subject, paragraph: words.briefSigned.paragraph(number) }
      : {
          subject: words.briefApproved.subject,
          paragraph: words.briefApproved.paragraph(number, review.kind === 'creative'),
        };
  },
  async onEnded(review, outcome, number) {
    if (outcome !== 'released') {
      return [
        (await setStatus(review, number, outcome === 'rejected' ? 'rejected' : 'changes_requested')).op,
      ];
    }
    if (!toClient(review)) return [(await setStatus(review, number, 'approved')).op];
    const at = now();
    const [{ op }, stored] = await Promise.all([
      setStatus(review, number, 'signed', { signedAt: at }),
      getItem(BriefEntity.key(review.clientId, review.subjectId)),
    ]);
    const brief = fromItem<Brief>(stored!);
    return [
      op,
      putIfVersion(
        briefItem(patched(brief, { signedVersion: Math.max(number, brief.signedVersion ?? 0) })),
        brief.version,
        () => conflict('version_conflict', 'The brief changed at the same moment; retry.'),
      ),
    ];
  },
};
