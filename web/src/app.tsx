import { useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { api, must, type Schemas } from './api/client';
import type { Session } from './auth/session';
import type { ConsoleConfig } from './config';
import { isLanguage, type Language, languages, setLanguage, t } from './i18n';
import { MyWork } from './pages/my-work';
import { AppContext, type AppState, useApp } from './ui/app-context';

// My work is in the entry chunk (it is where people land); every other screen loads on first use.
const ApprovalScreen = lazy(() => import('./pages/approval').then((m) => m.ApprovalScreen));
const Clients = lazy(() => import('./pages/clients').then((m) => m.Clients));
const ClientScreen = lazy(() => import('./pages/client').then((m) => m.ClientScreen));
const Jobs = lazy(() => import('./pages/jobs').then((m) => m.Jobs));
const JobScreen = lazy(() => import('./pages/job').then((m) => m.JobScreen));
const ScheduleScreen = lazy(() => import('./pages/schedule').then((m) => m.ScheduleScreen));
const BriefScreen = lazy(() => import('./pages/brief').then((m) => m.BriefScreen));
const EstimateScreen = lazy(() => import('./pages/estimate').then((m) => m.EstimateScreen));
const DraftScreen = lazy(() => import('./pages/draft').then((m) => m.DraftScreen));
const Media = lazy(() => import('./pages/media').then((m) => m.Media));
const CampaignScreen = lazy(() => import('./pages/campaign').then((m) => m.CampaignScreen));
const PlanScreen = lazy(() => import('./pages/plan').then((m) => m.PlanScreen));
const StaffDirectory = lazy(() => import('./pages/staff').then((m) => m.StaffDirectory));
const StaffScreen = lazy(() => import('./pages/staff-member').then((m) => m.StaffScreen));
const WrittenConfirmationScreen = lazy(() =>
  import('./pages/written-confirmation').then((m) => m.WrittenConfirmationScreen),
);
const ContactReportScreen = lazy(() => import('./pages/contact-reports').then((m) => m.ContactReportScreen));
const VendorsScreen = lazy(() => import('./pages/spend').then((m) => m.VendorsScreen));
const JobSpendScreen = lazy(() => import('./pages/spend').then((m) => m.JobSpendScreen));
const ReconciliationsScreen = lazy(() => import('./pages/spend').then((m) => m.ReconciliationsScreen));
const BillingOverview = lazy(() => import('./pages/billing').then((m) => m.BillingOverview));
const ClientBillingScreen = lazy(() => import('./pages/billing').then((m) => m.ClientBillingScreen));
const BillingTermsScreen = lazy(() => import('./pages/billing-terms').then((m) => m.BillingTermsScreen));
const CostRatesScreen = lazy(() => import('./pages/rates').then((m) => m.CostRatesScreen));
const InvoiceScreen = lazy(() => import('./pages/billing').then((m) => m.InvoiceScreen));
const TrafficBoard = lazy(() => import('./pages/board').then((m) => m.TrafficBoard));
const ScheduleTemplates = lazy(() => import('./pages/templates').then((m) => m.ScheduleTemplates));
const Competition = lazy(() => import('./pages/competition').then((m) => m.Competition));
const Pitches = lazy(() => import('./pages/pitches').then((m) => m.Pitches));
const EvaluationsScreen = lazy(() => import('./pages/evaluations').then((m) => m.EvaluationsScreen));
const MyReports = lazy(() => import('./pages/my-reports').then((m) => m.MyReports));
const TimesheetScreen = lazy(() => import('./pages/time').then((m) => m.TimesheetScreen));
const TimesheetApprovals = lazy(() => import('./pages/time').then((m) => m.TimesheetApprovals));
const JobProfitScreen = lazy(() => import('./pages/time').then((m) => m.JobProfitScreen));
const ClientProfitScreen = lazy(() => import('./pages/time').then((m) => m.ClientProfitScreen));
const WorkReports = lazy(() => import('./pages/work-reports').then((m) => m.WorkReports));
const NotFound = lazy(() => import('./pages/not-found').then((m) => m.NotFound));

const nav = [
  { href: '/', key: 'nav.myWork' },
  { href: '/clients', key: 'nav.clients' },
  { href: '/jobs', key: 'nav.jobs' },
  { href: '/media', key: 'nav.media' },
  { href: '/traffic/board', key: 'nav.traffic' },
  { href: '/vendors', key: 'nav.vendors' },
  { href: '/billing', key: 'nav.billing' },
  { href: '/staff', key: 'nav.staff' },
  { href: '/competition', key: 'nav.competition' },
  { href: '/pitches', key: 'nav.pitches' },
  { href: '/me/reports', key: 'nav.reports' },
  { href: '/work-reports', key: 'nav.workReports' },
  { href: '/timesheet', key: 'nav.timesheet' },
  { href: '/timesheets/approvals', key: 'nav.timesheetApprovals' },
  // Only the head of account services sets what an hour of each role costs.
  { href: '/rates', key: 'nav.rates', role: 'head_of_accounts' },
] as const;

const languageNames: Record<Language, string> = { en: 'English', es: 'Español', 'zh-CN': '简体中文' };

function Shell(props: { config: ConsoleConfig; session: Session }) {
  const state = useApp();
  const { path } = useLocation();
  return (
    <>
      <a class="skip" href="#main">
        {t('nav.skip')}
      </a>
      {props.session.kind === 'local' && (
        <p class="local-banner" role="note">
          {t('app.localBanner')}
        </p>
      )}
      <header class="top">
        <a class="brand" href="/">
          Account Desk
          {props.config.agencyName && <span class="agency"> · {props.config.agencyName}</span>}
        </a>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav
              .filter((item) => !('role' in item) || item.role === state.me.role)
              .map((item) => (
                <li key={item.href}>
                  <a
                    href={item.href}
                    aria-current={
                      (item.href === '/' ? path === '/' : path.startsWith(item.href)) ? 'page' : undefined
                    }
                  >
                    {t(item.key)}
                  </a>
                </li>
              ))}
          </ul>
        </nav>
        <div class="me">
          <a href={`/staff/${state.me.staffId}`}>
            {state.me.name} · {t(`roles.${state.me.role}`)}
          </a>
          <label>
            <span class="visually-hidden">{t('app.language')}</span>
            <select
              value={state.language}
              onChange={(e) => {
                const value = (e.target as HTMLSelectElement).value;
                if (isLanguage(value)) void state.changeLanguage(value);
              }}
            >
              {languages.map((l) => (
                <option key={l} value={l} lang={l}>
                  {languageNames[l]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void props.session.signOut()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main">
        <ErrorBoundary>
          <Router>
            <Route path="/" component={MyWork} />
            {/* Where the morning email about overdue items leads (the API's path for the same list). */}
            <Route path="/me/tasks" component={MyWork} />
            <Route path="/approvals/:approvalId" component={ApprovalScreen} />
            <Route path="/clients" component={Clients} />
            <Route path="/clients/:clientId" component={ClientScreen} />
            <Route path="/jobs" component={Jobs} />
            <Route path="/jobs/:jobId" component={JobScreen} />
            <Route path="/jobs/:jobId/schedule" component={ScheduleScreen} />
            {/* Where staff emails about a proposal or a timetable's sign-off lead (the API's paths). */}
            <Route path="/jobs/:jobId/schedule/proposals/:proposalId/decision" component={ScheduleScreen} />
            <Route path="/jobs/:jobId/timetable/approvals" component={ScheduleScreen} />
            <Route path="/briefs/:briefId" component={BriefScreen} />
            <Route path="/briefs/:briefId/approvals" component={BriefScreen} />
            <Route path="/estimates/:estimateId" component={EstimateScreen} />
            <Route path="/estimates/:estimateId/approvals" component={EstimateScreen} />
            <Route path="/drafts/:draftId" component={DraftScreen} />
            <Route path="/drafts/:draftId/approvals" component={DraftScreen} />
            <Route path="/media" component={Media} />
            <Route path="/media-campaigns/:campaignId" component={CampaignScreen} />
            <Route path="/media-campaigns/:campaignId/:tab" component={CampaignScreen} />
            <Route path="/media-plans/:planId" component={PlanScreen} />
            <Route path="/media-plans/:planId/approvals" component={PlanScreen} />
            <Route
              path="/media-plans/:planId/versions/:n/written-confirmations/:uploadId"
              component={WrittenConfirmationScreen}
            />
            <Route path="/contact-reports/:reportId" component={ContactReportScreen} />
            <Route path="/traffic/board" component={TrafficBoard} />
            <Route path="/schedule-templates" component={ScheduleTemplates} />
            <Route path="/vendors" component={VendorsScreen} />
            <Route path="/jobs/:jobId/spend" component={JobSpendScreen} />
            <Route path="/clients/:clientId/reconciliations" component={ReconciliationsScreen} />
            <Route path="/clients/:clientId/reconciliations/:month" component={ReconciliationsScreen} />
            <Route path="/billing" component={BillingOverview} />
            <Route path="/clients/:clientId/billing" component={ClientBillingScreen} />
            <Route path="/clients/:clientId/billing-terms" component={BillingTermsScreen} />
            <Route path="/invoices/:invoiceId" component={InvoiceScreen} />
            <Route path="/staff" component={StaffDirectory} />
            <Route path="/staff/:staffId" component={StaffScreen} />
            <Route path="/competition" component={Competition} />
            <Route path="/pitches" component={Pitches} />
            <Route path="/staff/:staffId/evaluations" component={EvaluationsScreen} />
            <Route path="/me/reports" component={MyReports} />
            <Route path="/rates" component={CostRatesScreen} />
            <Route path="/work-reports" component={WorkReports} />
            <Route path="/timesheet" component={TimesheetScreen} />
            <Route path="/timesheet/:week" component={TimesheetScreen} />
            <Route path="/timesheets/approvals" component={TimesheetApprovals} />
            <Route path="/jobs/:jobId/profit" component={JobProfitScreen} />
            <Route path="/clients/:clientId/profit" component={ClientProfitScreen} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </>
  );
}

export function App(props: { config: ConsoleConfig; session: Session; initialMe: Schemas['Staff'] }) {
  const [me, setMe] = useState(props.initialMe);
  const [language, setLanguageState] = useState<Language>(
    isLanguage(props.initialMe.language)
      ? props.initialMe.language
      : (document.documentElement.lang as Language),
  );
  const state: AppState = {
    config: props.config,
    session: props.session,
    me,
    language,
    changeLanguage: async (next) => {
      await setLanguage(next);
      setLanguageState(next);
      // The choice is the staff member's own: kept with their record (the API decides).
      setMe(await must(api.PATCH('/me', { body: { language: next } })));
    },
  };
  return (
    <AppContext.Provider value={state}>
      <LocationProvider>
        {/* Re-rendered whole when the language changes: every text comes from the catalogue. */}
        <Shell key={language} config={props.config} session={props.session} />
      </LocationProvider>
    </AppContext.Provider>
  );
}
