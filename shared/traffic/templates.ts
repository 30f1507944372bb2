import type { ActiveMember } from '../accounts/index.js';
import { alongside, loadCaller } from '../accounts/index.js';
import { jobTypes } from '../jobs/index.js';
import { fromItem, getItem, putIfVersion, putNew, transact } from '../platform/db/table.js';
import { conflict, unprocessable, versionConflict } from '../platform/errors.js';
import { now, storedItem } from '../platform/records.js';
import { assertMayEditTemplates } from './authority.js';
import { ScheduleTemplateItem } from './entities.js';
import { builtInDeliverableWords, builtInMilestoneWords, builtInTemplateWords } from './messages.js';
import { isBuiltInDeliverable, isBuiltInName } from './milestone-names.js';
import { milestoneIdOf } from './milestones.js';
import { topologicalOrder } from './planning.js';
import type { PutTemplateInput, ScheduleTemplate, StoredMilestone, TemplateMilestone } from './schemas.js';

type JobType = (typeof jobTypes)[number];

/** The built-in milestones' names and deliverables, in the agency's language (the catalogues hold the others). */
const shippedName = builtInMilestoneWords.en;
const shippedDeliverable = builtInDeliverableWords.en;

/**
 * The seeds' creative timeline (domain.md §3; 004: 计划 2周, 计划修正/确认 2周, 创意发展 2–3周,
 * 创意提案 1天, 客户意见 1周, 提案修正 1–2周, 制作 4周+) in the client's working days: a week is five.
 */
const creativeTimeline: TemplateMilestone[] = [
  {
    key: 'planning',
    name: shippedName.planning,
    department: 'account',
    ownerRole: 'job_owner',
    durationDays: 10,
    dependsOn: [],
    deliverable: shippedDeliverable.planning,
  },
  {
    key: 'plan_confirmation',
    name: shippedName.plan_confirmation,
    department: 'account',
    ownerRole: 'job_owner',
    durationDays: 10,
    dependsOn: [{ key: 'planning', lagDays: 0 }],
    deliverable: shippedDeliverable.plan_confirmation,
    follows: { subjectType: 'brief', stage: 'client' },
  },
  {
    key: 'creative_development',
    name: shippedName.creative_development,
    department: 'creative',
    ownerRole: 'creative',
    durationDays: 10,
    maxDurationDays: 15,
    dependsOn: [{ key: 'plan_confirmation', lagDays: 0 }],
    deliverable: shippedDeliverable.creative_development,
  },
  {
    key: 'creative_presentation',
    name: shippedName.creative_presentation,
    department: 'account',
    ownerRole: 'job_owner',
    durationDays: 1,
    dependsOn: [{ key: 'creative_development', lagDays: 0 }],
    deliverable: shippedDeliverable.creative_presentation,
  },
  {
    key: 'client_feedback',
    name: shippedName.client_feedback,
    department: 'client',
    ownerRole: 'client',
    durationDays: 5,
    dependsOn: [{ key: 'creative_presentation', lagDays: 0 }],
    deliverable: shippedDeliverable.client_feedback,
    follows: { subjectType: 'draft', stage: 'client' },
  },
  {
    key: 'revisions',
    name: shippedName.revisions,
    department: 'creative',
    ownerRole: 'creative',
    durationDays: 5,
    maxDurationDays: 10,
    dependsOn: [{ key: 'client_feedback', lagDays: 0 }],
    deliverable: shippedDeliverable.revisions,
    follows: { subjectType: 'draft', stage: 'revision' },
  },
  {
    key: 'production',
    name: shippedName.production,
    department: 'production',
    ownerRole: 'production',
    durationDays: 20,
    dependsOn: [{ key: 'revisions', lagDays: 0 }],
    deliverable: shippedDeliverable.production,
  },
];

/** The media flow (domain.md §5), each plan stage following its confirmation by the client. */
const mediaFlow: TemplateMilestone[] = [
  {
    key: 'media_brief',
    name: shippedName.media_brief,
    department: 'account',
    ownerRole: 'job_owner',
    durationDays: 5,
    dependsOn: [],
    follows: { subjectType: 'brief', stage: 'internal', kind: 'media' },
  },
  {
    key: 'recommendation',
    name: shippedName.recommendation,
    department: 'media',
    ownerRole: 'media',
    durationDays: 10,
    dependsOn: [{ key: 'media_brief', lagDays: 0 }],
    follows: { subjectType: 'media_plan', stage: 'signed_off', kind: 'recommendation' },
  },
  {
    key: 'master_plan',
    name: shippedName.master_plan,
    department: 'media',
    ownerRole: 'media',
    durationDays: 10,
    dependsOn: [{ key: 'recommendation', lagDays: 0 }],
    follows: { subjectType: 'media_plan', stage: 'signed_off', kind: 'master_plan' },
  },
  {
    key: 'monthly_schedule',
    name: shippedName.monthly_schedule,
    department: 'media',
    ownerRole: 'media',
    durationDays: 5,
    dependsOn: [{ key: 'master_plan', lagDays: 0 }],
    follows: { subjectType: 'media_plan', stage: 'signed_off', kind: 'monthly_schedule' },
  },
  {
    key: 'booking',
    name: shippedName.booking,
    department: 'media',
    ownerRole: 'media',
    durationDays: 5,
    dependsOn: [{ key: 'monthly_schedule', lagDays: 0 }],
  },
  {
    key: 'materials',
    name: shippedName.materials,
    department: 'production',
    ownerRole: 'production',
    durationDays: 10,
    dependsOn: [{ key: 'booking', lagDays: 0 }],
  },
  {
    key: 'airing',
    name: shippedName.airing,
    department: 'media',
    ownerRole: 'media',
    durationDays: 20,
    dependsOn: [{ key: 'materials', lagDays: 0 }],
  },
  {
    key: 'post_campaign',
    name: shippedName.post_campaign,
    department: 'media',
    ownerRole: 'media',
    durationDays: 5,
    dependsOn: [{ key: 'airing', lagDays: 0 }],
  },
];

const workDepartment: Partial<Record<JobType, TemplateMilestone['department']>> = {
  research: 'research',
  production: 'production',
};
const workOwner: Partial<Record<JobType, TemplateMilestone['ownerRole']>> = {
  research: 'planning',
  production: 'production',
};

/** Every other job: brief, the work, internal review, the client's review, delivery. */
const generic = (jobType: JobType): TemplateMilestone[] => [
  {
    key: 'brief',
    name: shippedName.brief,
    department: 'account',
    ownerRole: 'job_owner',
    durationDays: 3,
    dependsOn: [],
    follows: { subjectType: 'brief', stage: 'internal' },
  },
  {
    key: 'work',
    name: shippedName.work,
    department: workDepartment[jobType] ?? 'account',
    ownerRole: workOwner[jobType] ?? 'job_owner',
    durationDays: 10,
    dependsOn: [{ key: 'brief', lagDays: 0 }],
  },
  {
    key: 'internal_review',
    name: shippedName.internal_review,
    department: 'account',
    ownerRole: 'account_manager',
    durationDays: 2,
    dependsOn: [{ key: 'work', lagDays: 0 }],
  },
  {
    key: 'client_review',
    name: shippedName.client_review,
    department: 'client',
    ownerRole: 'client',
    durationDays: 5,
    dependsOn: [{ key: 'internal_review', lagDays: 0 }],
  },
  {
    key: 'delivery',
    name: shippedName.delivery,
    department: 'account',
    ownerRole: 'job_owner',
    durationDays: 2,
    dependsOn: [{ key: 'client_review', lagDays: 0 }],
  },
];

/** The agency's standard template of a job type, before anyone edits it. */
export function builtInTemplate(jobType: JobType): ScheduleTemplate {
  const milestones =
    jobType === 'campaign' || jobType === 'creative'
      ? creativeTimeline
      : jobType === 'media'
        ? mediaFlow
        : generic(jobType);
  return {
    jobType,
    name: builtInTemplateWords.en[jobType],
    milestones,
    builtIn: true,
    version: 0,
  };
}

interface StoredTemplate extends ScheduleTemplate {
  version: number;
}

/** The template in force for a job type: the agency's edited one, else the built-in one. */
export async function templateFor(jobType: JobType): Promise<ScheduleTemplate> {
  const item = await getItem(ScheduleTemplateItem.key(jobType));
  return item ? fromItem<StoredTemplate>(item) : builtInTemplate(jobType);
}

export async function getTemplate(actorId: string, jobType: JobType): Promise<ScheduleTemplate> {
  // Any active staff member may read the templates (the caller is checked all the same).
  return (await alongside(loadCaller(actorId), () => templateFor(jobType))).read;
}

export async function listTemplates(actorId: string): Promise<ScheduleTemplate[]> {
  const { items } = await loadCaller(
    actorId,
    jobTypes.map((t) => ScheduleTemplateItem.key(t)),
  );
  return jobTypes.map((jobType, i) =>
    items[i] ? fromItem<StoredTemplate>(items[i]!) : builtInTemplate(jobType),
  );
}

/** Keys once each, dependencies on keys of the template, no circle. */
function checkTemplate(input: PutTemplateInput): void {
  const keys = new Set<string>();
  input.milestones.forEach((m, i) => {
    if (keys.has(m.key)) {
      throw unprocessable('duplicate_key', `The key “${m.key}” is used twice.`, `body.milestones.${i}.key`);
    }
    keys.add(m.key);
  });
  input.milestones.forEach((m, i) => {
    for (const dep of m.dependsOn) {
      if (!keys.has(dep.key) || dep.key === m.key) {
        throw unprocessable(
          'unknown_dependency',
          `“${m.name}” depends on “${dep.key}”, which is not another milestone of this template.`,
          `body.milestones.${i}.dependsOn`,
        );
      }
    }
  });
  try {
    topologicalOrder(
      input.milestones.map((m) => ({
        milestoneId: m.key,
        durationDays: m.durationDays,
        dependsOn: m.dependsOn.map((d) => ({ milestoneId: d.key, lagDays: d.lagDays })),
        status: 'not_started' as const,
      })),
    );
  } catch {
    throw unprocessable(
      'dependency_cycle',
      'The template’s dependencies go round in a circle.',
      'body.milestones',
    );
  }
}

/**
 * Replaces a job type's template (head of accounts, traffic coordinator). The first edit of a
 * built-in template is made at version 0 (If-Match "0" or none); later edits name the version.
 */
export async function putTemplate(
  actorId: string,
  jobType: JobType,
  expectedVersion: number | undefined,
  input: PutTemplateInput,
): Promise<ScheduleTemplate> {
  const {
    checked: { caller },
    read: current,
  } = await alongside(loadCaller(actorId), () => getItem(ScheduleTemplateItem.key(jobType)));
  assertMayEditTemplates(caller);
  checkTemplate(input);
  const currentVersion = (current?.version as number | undefined) ?? 0;
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw versionConflict('This template', expectedVersion);
  }
  if (current && expectedVersion === undefined) {
    throw conflict('version_required', 'This template was edited before: send its version in If-Match.');
  }
  const next: StoredTemplate = {
    jobType,
    name: input.name,
    milestones: input.milestones,
    builtIn: false,
    version: currentVersion + 1,
    updatedAt: now(),
    updatedBy: caller.staffId,
  };
  const item = storedItem(ScheduleTemplateItem.type, ScheduleTemplateItem.key(jobType), {}, next);
  await transact([
    current
      ? putIfVersion(item, currentVersion, () => versionConflict('This template', currentVersion))
      : putNew(item, () => versionConflict('This template', 0)),
  ]);
  return next;
}

/** Who owns a template milestone on this job: the role's first active team member, else the job's owner. */
function ownerFor(
  m: TemplateMilestone,
  jobOwner: ActiveMember | undefined,
  jobOwnerId: string,
  team: ActiveMember[],
): Pick<StoredMilestone, 'owner' | 'ownerName'> {
  if (m.ownerRole === 'client') return { owner: { kind: 'client' }, ownerName: 'Client' };
  const member = m.ownerRole === 'job_owner' ? undefined : team.find((t) => t.role === m.ownerRole);
  const chosen = member ?? jobOwner;
  return {
    owner: { kind: 'staff', staffId: chosen?.staffId ?? jobOwnerId },
    ownerName: chosen?.name ?? '',
  };
}

/** A template's milestones on a job: ids M001…, dependencies by id, owners from the team (dates computed later). */
export function milestonesFromTemplate(
  template: ScheduleTemplate,
  startDate: string,
  jobOwnerId: string,
  team: ActiveMember[],
  jobOwnerName: string,
): StoredMilestone[] {
  const idOf = new Map(template.milestones.map((m, i) => [m.key, milestoneIdOf(i + 1)]));
  const jobOwner = team.find((t) => t.staffId === jobOwnerId) ?? {
    staffId: jobOwnerId,
    name: jobOwnerName,
    email: '',
    role: 'account_executive',
  };
  return template.milestones.map((m) => ({
    milestoneId: idOf.get(m.key)!,
    name: m.name,
    // A built-in milestone as shipped reads in each reader's language; a name typed stays as typed.
    ...(isBuiltInName(m.key, m.name) ? { nameKey: m.key } : {}),
    department: m.department,
    ...ownerFor(m, jobOwner, jobOwnerId, team),
    durationDays: m.durationDays,
    ...(m.maxDurationDays !== undefined ? { maxDurationDays: m.maxDurationDays } : {}),
    dependsOn: m.dependsOn.map((d) => ({ milestoneId: idOf.get(d.key)!, lagDays: d.lagDays })),
    ...(m.deliverable ? { deliverable: m.deliverable } : {}),
    ...(m.deliverable && isBuiltInDeliverable(m.key, m.deliverable) ? { deliverableKey: m.key } : {}),
    ...(m.follows ? { follows: m.follows } : {}),
    status: 'not_started' as const,
    start: startDate,
    due: startDate,
    critical: false,
    slackDays: 0,
  }));
}
