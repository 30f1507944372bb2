import * as z from 'zod';
import {
  contactReportListParams,
  contactReportListQuery,
  contactReportParams,
  contactReportSchema,
  createContactReportSchema,
  generateStatusReportSchema,
  nextStepParams,
  nextStepProgressInputSchema,
  reportCadenceSchema,
  reportCadenceViewSchema,
  statusReportListParams,
  statusReportParams,
  statusReportSchema,
  updateContactReportSchema,
} from '../../shared/client-record/index.js';
import { listOf } from '../../shared/platform/schemas.js';
import { defineRoute } from '../http/route-spec.js';

/** Contact reports (meeting minutes) and call reports: drafts, issued versions, the client's answers, next steps. */
export const contactReportRoutes = {
  createContactReport: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/contact-reports',
    operationId: 'createContactReport',
    summary:
      'Write the minutes of a meeting (or, with `kind: call`, a call report) as a draft: time and place, jobs, agency and client attendees, copies, subject, agenda, decisions, next steps (action, owner, due), key dates. The caller is the reporter (the account line from the account representative up).',
    params: contactReportListParams,
    body: createContactReportSchema,
    idempotent: true,
    response: { status: 201, description: 'The new draft report.', schema: contactReportSchema },
  }),
  listContactReports: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/contact-reports',
    operationId: 'listContactReports',
    summary: "The client's contact and call reports, newest meeting first, with their status.",
    params: contactReportListParams,
    query: contactReportListQuery,
    response: {
      status: 200,
      description: 'A page of reports.',
      schema: listOf(contactReportSchema, 'ContactReportPage'),
    },
  }),
  getContactReport: defineRoute({
    method: 'GET',
    path: '/contact-reports/{contactReportId}',
    operationId: 'getContactReport',
    summary:
      'One report: its status and why (the rule, the time, who), every issued version with its window, the answers (evidence) and the pages opened.',
    params: contactReportParams,
    response: { status: 200, description: 'The report.', schema: contactReportSchema },
  }),
  updateContactReport: defineRoute({
    method: 'PATCH',
    path: '/contact-reports/{contactReportId}',
    operationId: 'updateContactReport',
    summary:
      'Change the draft (the reporter, or an account executive or above). Issued versions never change: a correction is the next version.',
    params: contactReportParams,
    body: updateContactReportSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The report with its changed draft.', schema: contactReportSchema },
  }),
  issueContactReport: defineRoute({
    method: 'POST',
    path: '/contact-reports/{contactReportId}/issue',
    operationId: 'issueContactReport',
    summary:
      'Issue the draft as the next version: frozen and kept as a document, emailed to the client attendees to confirm or question (copies for information), with one working day on the client’s calendar to raise a question. A corrected version after a question starts a new window; an open earlier version is superseded.',
    params: contactReportParams,
    optimisticLock: 'required',
    response: { status: 200, description: 'The report, awaiting the client.', schema: contactReportSchema },
  }),
  setNextStepProgress: defineRoute({
    method: 'PUT',
    path: '/contact-reports/{contactReportId}/next-steps/{stepId}/progress',
    operationId: 'setNextStepProgress',
    summary:
      'A next step is done (or open again): its owner, the reporter, or an account executive or above. An agency owner’s done step leaves their task list.',
    params: nextStepParams,
    body: nextStepProgressInputSchema,
    optimisticLock: 'required',
    response: { status: 200, description: 'The report.', schema: contactReportSchema },
  }),
  restartContactReport: defineRoute({
    method: 'POST',
    path: '/contact-reports/{contactReportId}/restart',
    operationId: 'restartContactReport',
    summary:
      'The latest version’s window stopped (its workflow failed): run it again from where the table says it is — send what was not sent, wait out the rest of the window, or record the confirmation by silence if the window ended without a question.',
    params: contactReportParams,
    response: {
      status: 200,
      description: 'The report, its clock running again.',
      schema: contactReportSchema,
    },
  }),
  generateStatusReport: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/status-reports',
    operationId: 'generateStatusReport',
    summary:
      'Make the client’s status report of a period now, by its cadence (a week, a fortnight or a month; default: the running period so far): jobs and their phase, milestones done and due next, overdue items, approvals waiting on the client (working days) and on the agency, contact reports and their status, the client’s next steps, spend against signed estimates. A period already over is reported once (and emailed to the account team once); a running period’s report is redone by each request.',
    params: statusReportListParams,
    body: generateStatusReportSchema,
    response: { status: 200, description: 'The report (without its lines).', schema: statusReportSchema },
  }),
  listStatusReports: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/status-reports',
    operationId: 'listStatusReports',
    summary: 'The client’s status reports, newest period first, with their counts.',
    params: statusReportListParams,
    response: {
      status: 200,
      description: 'The reports.',
      schema: z.object({ items: z.array(statusReportSchema) }).meta({ id: 'StatusReportList' }),
    },
  }),
  getStatusReport: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/status-reports/{statusReportId}',
    operationId: 'getStatusReport',
    summary: 'One period’s status report: every line, and short-lived downloads of its HTML and CSV.',
    params: statusReportParams,
    response: { status: 200, description: 'The report.', schema: statusReportSchema },
  }),
  sendStatusReport: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/status-reports/{statusReportId}/send',
    operationId: 'sendStatusReport',
    summary:
      'Send the period’s status report to the client’s senior contacts (the account executive and above), each in their own language with a link of their own. Sent once: a repeated request answers the report as sent. The send is recorded before the emails go; each email the mail service took is added to its sendings (none: the emails did not go, and `…/resend` sends them).',
    params: statusReportParams,
    response: {
      status: 200,
      description: 'The report, with who it was sent to and the emails that went.',
      schema: statusReportSchema,
    },
  }),
  resendStatusReport: defineRoute({
    method: 'POST',
    path: '/clients/{clientId}/status-reports/{statusReportId}/resend',
    operationId: 'resendStatusReport',
    summary:
      'Email a status report already sent to the client again (the account executive and above): to the client’s senior contacts as they stand now, each in their own language with a link of their own; recorded in its sendings and the client’s activity. One not sent to the client yet is refused with 409 not_sendable. Claimed under the version given in If-Match (else the one read) before the emails go: of resends at once, one emails and the others get 409 version_conflict.',
    params: statusReportParams,
    optimisticLock: 'optional',
    response: {
      status: 200,
      description: 'The report, with its sendings.',
      schema: statusReportSchema,
    },
  }),
  getReportCadence: defineRoute({
    method: 'GET',
    path: '/clients/{clientId}/status-report-cadence',
    operationId: 'getReportCadence',
    summary:
      'How often the scheduled run makes the client’s status report (weekly, fortnightly, monthly or none) and the weekday it goes out.',
    params: statusReportListParams,
    response: {
      status: 200,
      description: 'The cadence (version 0: the default).',
      schema: reportCadenceViewSchema,
    },
  }),
  setReportCadence: defineRoute({
    method: 'PUT',
    path: '/clients/{clientId}/status-report-cadence',
    operationId: 'setReportCadence',
    summary:
      'Set how often the client’s status report is made and the weekday it goes out (the account manager and above). `none`: on demand only. If-Match once a cadence was set (the first set takes none).',
    params: statusReportListParams,
    body: reportCadenceSchema,
    optimisticLock: 'optional',
    response: { status: 200, description: 'The cadence.', schema: reportCadenceViewSchema },
  }),
};
