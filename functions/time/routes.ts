import * as z from 'zod';
import { staffRoleSchema } from '../../shared/accounts/index.js';
import {
  clientProfitSchema,
  generateProfitabilitySchema,
  isoWeekSchema,
  jobProfitSchema,
  myTimesheetSchema,
  profitabilityReportDetailSchema,
  profitabilityReportSchema,
  profitPeriodQuery,
  putRateSchema,
  putTimesheetSchema,
  rateListSchema,
  rateSchema,
  timesheetDecisionSchema,
  timesheetListSchema,
  timesheetSchema,
} from '../../shared/billing/index.js';
import { idSchema, scopedIdSchema } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

const monthParam = z
  .string()
  .max(7)
  .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'A month, YYYY-MM.')
  .meta({ description: 'A calendar month, YYYY-MM.' });

/**
 * Time and profit (issue 14 §3): rates, the staff member's weekly timesheet (a week grid of time
 * entries), the line manager's approvals, profit per job and client, the monthly profitability
 * report.
 */
export const timeRoutes = {
  listCostRates: defineRoute({
    method: 'GET',
    path: '/cost-rates',
    operationId: 'listCostRates',
    summary:
      'What an hour of each role costs the agency, per currency and from which day (head of account services).',
    response: { status: 200, description: 'The cost rates.', schema: rateListSchema },
  }),
  putCostRate: defineRoute({
    method: 'PUT',
    path: '/cost-rates/{role}',
    operationId: 'putCostRate',
    summary:
      'Set the hourly cost of a role in a currency from a day on (head of account services); If-Match to correct an existing one. Time already recorded keeps its price.',
    params: z.strictObject({ role: staffRoleSchema }),
    body: putRateSchema,
    optimisticLock: 'optional',
    response: { status: 200, description: 'The rate.', schema: rateSchema },
  }),
  listBillRates: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/bill-rates',
    operationId: 'listBillRates',
    summary: "The client's hourly bill rates per role, where it pays by the hour (its account team).",
    params: z.strictObject({ clientId: idSchema }),
    response: { status: 200, description: 'The bill rates.', schema: rateListSchema },
  }),
  putBillRate: defineRoute({
    method: 'PUT',
    path: '/clients/{clientId}/bill-rates/{role}',
    operationId: 'putBillRate',
    summary: "Set the client's hourly bill rate of a role from a day on (account manager and above).",
    params: z.strictObject({ clientId: idSchema, role: staffRoleSchema }),
    body: putRateSchema,
    optimisticLock: 'optional',
    response: { status: 200, description: 'The rate.', schema: rateSchema },
  }),
  getMyTimesheet: defineRoute({
    method: 'GET',
    path: '/me/timesheets/{week}',
    operationId: 'getMyTimesheet',
    summary:
      "The caller's timesheet of an ISO week, and the jobs they may log time on (their clients' open jobs).",
    params: z.strictObject({ week: isoWeekSchema }),
    response: { status: 200, description: 'The week.', schema: myTimesheetSchema },
  }),
  putMyTimesheet: defineRoute({
    method: 'PUT',
    path: '/me/timesheets/{week}',
    operationId: 'putMyTimesheet',
    summary:
      'Save the week grid while it is a draft (or returned): every cell of the week, priced at the rates in force on each day. If-Match once the week is saved.',
    params: z.strictObject({ week: isoWeekSchema }),
    body: putTimesheetSchema,
    optimisticLock: 'optional',
    response: { status: 200, description: 'The week as saved.', schema: timesheetSchema },
  }),
  submitMyTimesheet: defineRoute({
    method: 'POST',
    path: '/me/timesheets/{week}/submit',
    operationId: 'submitMyTimesheet',
    summary: "Submit the week to the caller's line manager; it is locked until returned.",
    params: z.strictObject({ week: isoWeekSchema }),
    optimisticLock: 'required',
    response: { status: 200, description: 'The submitted week.', schema: timesheetSchema },
  }),
  listTimesheetApprovals: defineRoute({
    method: 'GET',
    path: '/me/timesheet-approvals',
    operationId: 'listTimesheetApprovals',
    summary: 'The timesheets waiting for the caller to approve or return (their direct reports’).',
    response: { status: 200, description: 'The waiting timesheets.', schema: timesheetListSchema },
  }),
  getStaffTimesheet: defineRoute({
    method: 'GET',
    path: '/staff/{staffId}/timesheets/{week}',
    operationId: 'getStaffTimesheet',
    summary:
      "A staff member's week: for them, anyone up their reporting line and the head of account services.",
    params: z.strictObject({ staffId: idSchema, week: isoWeekSchema }),
    response: { status: 200, description: 'The week.', schema: timesheetSchema },
  }),
  decideTimesheet: defineRoute({
    method: 'POST',
    path: '/staff/{staffId}/timesheets/{week}/decision',
    operationId: 'decideTimesheet',
    summary:
      'Approve a submitted week (its time is locked) or return it with what to correct (the line manager).',
    params: z.strictObject({ staffId: idSchema, week: isoWeekSchema }),
    body: timesheetDecisionSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The decided week.', schema: timesheetSchema },
  }),
  getJobProfit: defineRoute({
    method: 'GET',
    path: '/jobs/{jobId}/profit',
    operationId: 'getJobProfit',
    summary:
      "The job's profit: revenue invoiced, vendors' bills and staff time at cost, margin and %, against the signed estimate's planned margin (account manager and above).",
    params: z.strictObject({ jobId: scopedIdSchema }),
    response: { status: 200, description: 'The job’s profit.', schema: jobProfitSchema },
  }),
  getClientProfit: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/profit',
    operationId: 'getClientProfit',
    summary: "The client's profit over a period, per job and per month (account manager and above).",
    params: z.strictObject({ clientId: idSchema }),
    query: profitPeriodQuery,
    response: { status: 200, description: 'The client’s profit.', schema: clientProfitSchema },
  }),
  listProfitabilityReports: defineRoute({
    method: 'GET',
    path: '/profitability-reports',
    operationId: 'listProfitabilityReports',
    summary: "The agency's monthly profitability reports, newest first (head of account services).",
    response: {
      status: 200,
      description: 'The reports.',
      schema: z.object({ items: z.array(profitabilityReportSchema) }).meta({ id: 'ProfitabilityReportList' }),
    },
  }),
  generateProfitabilityReport: defineRoute({
    method: 'POST',
    path: '/profitability-reports',
    operationId: 'generateProfitabilityReport',
    summary:
      "Generate a month's profitability report now (again, if it exists), in the caller's language (head of account services); not emailed.",
    body: generateProfitabilitySchema,
    response: {
      status: 200,
      description: 'The report, with its files.',
      schema: profitabilityReportDetailSchema,
    },
  }),
  getProfitabilityReport: defineRoute({
    method: 'GET',
    path: '/profitability-reports/{month}',
    operationId: 'getProfitabilityReport',
    summary: "A month's profitability report and its HTML and CSV (presigned now, for minutes).",
    params: z.strictObject({ month: monthParam }),
    response: { status: 200, description: 'The report.', schema: profitabilityReportDetailSchema },
  }),
};
