import { Job } from '../jobs/entities.js';
import { jobTypes } from '../jobs/index.js';
import type { Item } from '../platform/db/table.js';
import type { ItemMigration, MigrationTools } from '../platform/migrations.js';
import {
  BoardEntry,
  MilestoneTask,
  Schedule,
  ScheduleProposal,
  ScheduleTemplateItem,
  TimetableVersion,
} from './entities.js';
import { isBuiltInDeliverable, isBuiltInName } from './milestone-names.js';
import { milestoneIdOf } from './milestones.js';
import type { TemplateMilestone } from './schemas.js';
import { builtInTemplate } from './templates.js';

type JobType = (typeof jobTypes)[number];

/** The template keys a schedule's milestones were drawn from, by milestone id; undefined when no longer known. */
type DrawnKeys = ReadonlyMap<string, string> | undefined;

/**
 * The template a schedule was drawn from, as it stood then: the agency's edited one if its last
 * edit came before the schedule; the built-in one if nobody had edited it by then (never edited,
 * or first edited after). A template edited more than once since is no longer known: its
 * schedules keep their names as stored.
 */
async function drawnKeys(schedule: Item, tools: MigrationTools): Promise<DrawnKeys> {
  const jobType =
    (schedule.templateJobType as string | undefined) ??
    ((await tools.read(Job.key(schedule.clientId as string, schedule.jobId as string)))?.type as
      | string
      | undefined);
  if (!jobType || !(jobTypes as readonly string[]).includes(jobType)) return undefined;
  const edited = await tools.read(ScheduleTemplateItem.key(jobType));
  let milestones: TemplateMilestone[] | undefined;
  if (!edited || (edited.version === 1 && (edited.updatedAt as string) > (schedule.createdAt as string))) {
    milestones = builtInTemplate(jobType as JobType).milestones;
  } else if ((edited.updatedAt as string) <= (schedule.createdAt as string)) {
    milestones = edited.milestones as TemplateMilestone[];
  }
  if (!milestones) tools.note('schedules drawn from a template edited since');
  return milestones && new Map(milestones.map((m, i) => [milestoneIdOf(i + 1), m.key]));
}

/** The creation rule (`milestonesFromTemplate`): the key, when key and name are a built-in's as shipped. */
function nameKeyOf(keys: DrawnKeys, m: { milestoneId: string; name: string; nameKey?: string }) {
  const key = keys?.get(m.milestoneId);
  return !m.nameKey && key && isBuiltInName(key, m.name) ? key : undefined;
}

type Named = {
  milestoneId: string;
  name: string;
  nameKey?: string;
  deliverable?: string;
  deliverableKey?: string;
};

/** The same rule for a deliverable: the key, when key and deliverable are a built-in's as shipped. */
function deliverableKeyOf(keys: DrawnKeys, m: Named) {
  const key = keys?.get(m.milestoneId);
  return !m.deliverableKey && key && m.deliverable && isBuiltInDeliverable(key, m.deliverable)
    ? key
    : undefined;
}

/** The milestones with their nameKey and deliverableKey where the rule gives them; undefined when none changes. */
function withNameKeys<T extends Named>(keys: DrawnKeys, milestones: readonly T[]): T[] | undefined {
  let changed = false;
  const next = milestones.map((m) => {
    const nameKey = nameKeyOf(keys, m);
    const deliverableKey = deliverableKeyOf(keys, m);
    if (!nameKey && !deliverableKey) return m;
    changed = true;
    return { ...m, ...(nameKey ? { nameKey } : {}), ...(deliverableKey ? { deliverableKey } : {}) };
  });
  return changed ? next : undefined;
}

const scheduleOf = (item: Item, tools: MigrationTools) =>
  tools.read(Schedule.key(item.clientId as string, item.jobId as string));

/** The keys for an item derived from a schedule (its job's schedule read), none when it is gone. */
async function keysFor(item: Item, tools: MigrationTools): Promise<DrawnKeys> {
  const schedule = await scheduleOf(item, tools);
  return schedule ? drawnKeys(schedule, tools) : undefined;
}

/**
 * Milestones drawn from a built-in template before `nameKey` existed get it by the rule used
 * when a schedule is made (key and name both a built-in's as shipped; `deliverableKey` likewise
 * for the deliverable), so they read in each reader's language: the schedule's milestones, and
 * what carries them — timetable versions'
 * snapshots, task items, the board's next milestone and change proposals.
 */
export const milestonesKeepBuiltInNames: ItemMigration[] = [
  {
    itemTypes: [Schedule.type],
    upgrade: async (item, tools) => {
      const milestones = item.milestones as Named[];
      if (!milestones.some((m) => !m.nameKey || (m.deliverable && !m.deliverableKey))) return undefined;
      const next = withNameKeys(await drawnKeys(item, tools), milestones);
      return next && { ...item, milestones: next };
    },
  },
  {
    itemTypes: [TimetableVersion.type],
    upgrade: async (item, tools) => {
      const milestones = (item.milestones as Named[] | undefined) ?? [];
      if (!milestones.some((m) => !m.nameKey)) return undefined;
      const next = withNameKeys(await keysFor(item, tools), milestones);
      return next && { ...item, milestones: next };
    },
  },
  {
    itemTypes: [MilestoneTask.type],
    upgrade: async (item, tools) => {
      if (item.nameKey) return undefined;
      const nameKey = nameKeyOf(await keysFor(item, tools), item as unknown as Named);
      return nameKey && { ...item, nameKey };
    },
  },
  {
    itemTypes: [BoardEntry.type],
    upgrade: async (item, tools) => {
      const next = item.next as Named | undefined;
      if (!next || next.nameKey) return undefined;
      const nameKey = nameKeyOf(await keysFor(item, tools), next);
      return nameKey && { ...item, next: { ...next, nameKey } };
    },
  },
  {
    itemTypes: [ScheduleProposal.type],
    upgrade: async (item, tools) => {
      if (item.milestoneNameKey) return undefined;
      const nameKey = nameKeyOf(await keysFor(item, tools), {
        milestoneId: item.milestoneId as string,
        name: item.milestoneName as string,
      });
      return nameKey && { ...item, milestoneNameKey: nameKey };
    },
  },
];
