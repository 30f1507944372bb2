import type { StaffRole } from '../accounts/index.js';

/**
 * The evaluation form of each role of the account line: its criteria are the role's duties
 * (domain.md §2) and the qualities every account person is held to (§7). Keys are stable (the
 * console words them in the reader's language); the English label is the API's own.
 */
export interface Criterion {
  key: string;
  label: string;
}

const qualities: Criterion[] = [
  { key: 'attention_to_detail', label: 'Attentive to detail; anticipates problems and prevents them' },
  { key: 'honesty_and_opinions', label: 'Honest, and has opinions' },
  { key: 'team_spirit', label: 'Team spirit: "we", not "I"' },
];

export const evaluationForms: Partial<Record<StaffRole, Criterion[]>> = {
  group_account_director: [
    { key: 'business_group', label: 'Runs the business group and its daily administration' },
    { key: 'new_business', label: 'Develops new business and grows existing business' },
    { key: 'checks_directors', label: "Checks the account directors' work" },
    { key: 'decision_makers', label: "Keeps the client decision makers' confidence" },
    ...qualities,
  ],
  account_director: [
    { key: 'brand_planning', label: 'Quality of brand planning; brand and communication strategy' },
    {
      key: 'proposals_approved',
      label: 'Proposals and briefs approved before review meetings and the client',
    },
    { key: 'senior_clients', label: "Recommends work to the client's senior management" },
    { key: 'suppliers', label: 'Selects and approves third-party suppliers' },
    { key: 'agency_cost', label: 'Controls agency cost; creates new-business opportunities' },
    { key: 'develops_staff', label: 'Evaluates and develops account staff' },
    ...qualities,
  ],
  account_manager: [
    { key: 'brands_day_to_day', label: 'Runs the brands day to day' },
    { key: 'first_drafts', label: 'Drafts documents and presents first drafts' },
    { key: 'directs_team', label: 'Directs AEs, AAEs and the agency team; reviews their progress' },
    { key: 'briefs_and_minutes', label: 'Approves creative-meeting briefs and minutes' },
    { key: 'budget', label: "Sets and defends the client's advertising budget" },
    { key: 'monthly_report', label: 'Monthly work report and next month’s plan to the director' },
    ...qualities,
  ],
  account_executive: [
    { key: 'daily_business', label: 'Runs the daily business: opens jobs, keeps the workflow schedule' },
    { key: 'deadlines', label: 'Watches deadlines' },
    { key: 'briefs_and_summaries', label: 'Writes creative-meeting briefs and summaries' },
    { key: 'spend_forecast', label: 'Monthly advertising-spend forecast per brand' },
    { key: 'proposals_and_follow_up', label: 'Client proposals, call reports and follow-ups; client files' },
    { key: 'spend_supervision', label: "Supervises the brand's media and production spend" },
    { key: 'develops_aae', label: 'Guides and evaluates assistant account executives' },
    ...qualities,
  ],
  assistant_account_executive: [
    { key: 'business_information', label: 'Gathers and analyses business information' },
    { key: 'meetings_and_minutes', label: 'Attends client meetings and writes the minutes' },
    { key: 'tracks_jobs', label: 'Tracks research, production and media of assigned jobs' },
    { key: 'competitive_watch', label: 'Monitors the competitive environment and its media spend' },
    ...qualities,
  ],
  account_rep: [
    {
      key: 'sends_for_confirmation',
      label: 'Sends drafts and proofs to the client for review and confirmation',
    },
    { key: 'checks_samples', label: 'Checks samples' },
    { key: 'files_minutes', label: 'Writes and files meeting minutes' },
    ...qualities,
  ],
  traffic_coordinator: [
    { key: 'coordinates_progress', label: 'Coordinates progress with creatives and producers' },
    { key: 'every_link_done', label: 'Checks every link of the work is finished per the plan' },
    { key: 'reschedules_in_time', label: 'Reschedules work when necessary, in time' },
    ...qualities,
  ],
};

/** Twice a year: the period a day falls in, `YYYY-H1` or `YYYY-H2`. */
export const periodOf = (day: Date): string => `${day.getUTCFullYear()}-H${day.getUTCMonth() < 6 ? 1 : 2}`;
