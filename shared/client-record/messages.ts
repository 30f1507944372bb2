import { catalogue, type Language } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';

/**
 * The client's status report as each reader reads it (issue 15 §2): the document's headings and
 * words, and the email that carries it — to the account team, and to the client's senior contacts
 * when the account executive sends it.
 */
export const statusReportWords = /* @__PURE__ */ catalogue(
  {
    title: (client: string, period: string) => `Status report: ${client}, ${period}`,
    /** The period reported, by the client's cadence (a week's first day; a fortnight's or month's days). */
    periods: {
      weekly: (firstDay: string) => `week of ${firstDay}`,
      fortnightly: (days: string) => `fortnight ${days}`,
      monthly: (days: string) => `month ${days}`,
    },
    period: (agency: string, range: string, asOf: string) => `${agency} · ${range} · as of ${asOf}`,
    none: 'None.',
    sections: {
      jobs: 'Jobs and their phase',
      milestonesDone: 'Milestones done in the period',
      milestonesDueNext: 'Milestones due next',
      overdueMilestones: 'Overdue milestones',
      waitingOnClient: 'Approvals waiting on the client',
      waitingOnAgency: 'Approvals waiting on the agency',
      contactReports: 'Contact reports',
      clientNextSteps: "The client's next steps",
      spend: 'Spend against signed estimates',
    },
    columns: {
      job: 'Job',
      title: 'Title',
      phase: 'Phase',
      openMilestones: 'Open milestones',
      milestone: 'Milestone',
      due: 'Due',
      with: 'With',
      what: 'What',
      approver: 'Approver',
      since: 'Since',
      workingDays: 'Working days',
      meeting: 'Meeting',
      subject: 'Subject',
      status: 'Status',
      action: 'Action',
      who: 'Who',
      overdue: 'Overdue',
      signed: 'Signed',
      committed: 'Committed',
      remaining: 'Remaining',
    },
    phases: {
      open: 'open',
      in_progress: 'in progress',
      on_hold: 'on hold',
      completed: 'completed',
      cancelled: 'cancelled',
    } as Record<string, string>,
    reportStatuses: {
      draft: 'draft',
      awaiting_confirmation: 'awaiting your confirmation',
      confirmed: 'confirmed',
      confirmed_by_silence: 'confirmed (no question within one working day)',
      disputed: 'questioned: a corrected version follows',
    } as Record<string, string>,
    owners: { client: 'client', agency: 'agency' } as Record<string, string>,
    overdueMark: 'overdue',
    csvSection: 'Section',
    emailSubject: (client: string, period: string) => `Status report, ${period}: ${client}`,
    greeting: (name: string) => `Dear ${name},`,
    ready: (client: string, period: string) => `The status report of ${client} (${period}) is ready.`,
    csv: (url: string) => `The figures as a spreadsheet (CSV): ${url}`,
    open: 'Open the status report',
    notSent: 'This status report has not been sent to the client yet: send it first.',
    facts: {
      jobs: 'Jobs in progress',
      milestonesDone: 'Milestones done',
      overdueMilestones: 'Overdue milestones',
      waitingOnClient: 'Approvals waiting on the client',
      waitingOnAgency: 'Approvals waiting on the agency',
      clientNextStepsOverdue: "The client's overdue next steps",
    },
  },
  {
    es: {
      title: (client, period) => `Informe de estado: ${client}, ${period}`,
      periods: {
        weekly: (firstDay) => `semana del ${firstDay}`,
        fortnightly: (days) => `quincena ${days}`,
        monthly: (days) => `mes ${days}`,
      },
      period: (agency, range, asOf) => `${agency} · ${range} · a ${asOf}`,
      none: 'Nada.',
      sections: {
        jobs: 'Trabajos y su fase',
        milestonesDone: 'Hitos cumplidos en el periodo',
        milestonesDueNext: 'Próximos hitos',
        overdueMilestones: 'Hitos vencidos',
        waitingOnClient: 'Aprobaciones pendientes del cliente',
        waitingOnAgency: 'Aprobaciones pendientes de la agencia',
        contactReports: 'Informes de contacto',
        clientNextSteps: 'Próximos pasos del cliente',
        spend: 'Gasto frente a presupuestos firmados',
      },
      columns: {
        job: 'Trabajo',
        title: 'Título',
        phase: 'Fase',
        openMilestones: 'Hitos abiertos',
        milestone: 'Hito',
        due: 'Fecha límite',
        with: 'A cargo de',
        what: 'Qué',
        approver: 'Aprobador',
        since: 'Desde',
        workingDays: 'Días hábiles',
        meeting: 'Reunión',
        subject: 'Asunto',
        status: 'Estado',
        action: 'Acción',
        who: 'Quién',
        overdue: 'Vencido',
        signed: 'Firmado',
        committed: 'Comprometido',
        remaining: 'Disponible',
      },
      phases: {
        open: 'abierto',
        in_progress: 'en curso',
        on_hold: 'en pausa',
        completed: 'terminado',
        cancelled: 'cancelado',
      },
      reportStatuses: {
        draft: 'borrador',
        awaiting_confirmation: 'pendiente de su confirmación',
        confirmed: 'confirmado',
        confirmed_by_silence: 'confirmado (sin preguntas en un día hábil)',
        disputed: 'cuestionado: seguirá una versión corregida',
      },
      owners: { client: 'cliente', agency: 'agencia' },
      overdueMark: 'vencido',
      csvSection: 'Sección',
      emailSubject: (client, period) => `Informe de estado, ${period}: ${client}`,
      greeting: (name) => `Estimado/a ${name}:`,
      ready: (client, period) => `El informe de estado de ${client} (${period}) está listo.`,
      csv: (url) => `Las cifras en hoja de cálculo (CSV): ${url}`,
      open: 'Abrir el informe de estado',
      notSent: 'Este informe de estado aún no se ha enviado al cliente: envíelo primero.',
      facts: {
        jobs: 'Trabajos en curso',
        milestonesDone: 'Hitos cumplidos',
        overdueMilestones: 'Hitos vencidos',
        waitingOnClient: 'Aprobaciones pendientes del cliente',
        waitingOnAgency: 'Aprobaciones pendientes de la agencia',
        clientNextStepsOverdue: 'Próximos pasos del cliente vencidos',
      },
    },
    'zh-CN': {
      title: (client, period) => `状态报告：${client}，${period}`,
      periods: {
        weekly: (firstDay) => `${firstDay} 当周`,
        fortnightly: (days) => `双周 ${days}`,
        monthly: (days) => `月度 ${days}`,
      },
      period: (agency, range, asOf) => `${agency} · ${range} · 截至 ${asOf}`,
      none: '无。',
      sections: {
        jobs: '工作及其阶段',
        milestonesDone: '本期完成的里程碑',
        milestonesDueNext: '即将到期的里程碑',
        overdueMilestones: '逾期的里程碑',
        waitingOnClient: '等待客户审批',
        waitingOnAgency: '等待代理商审批',
        contactReports: '联络报告',
        clientNextSteps: '客户的后续行动',
        spend: '相对已签报价的支出',
      },
      columns: {
        job: '工作',
        title: '标题',
        phase: '阶段',
        openMilestones: '未完成里程碑',
        milestone: '里程碑',
        due: '到期日',
        with: '负责方',
        what: '内容',
        approver: '审批人',
        since: '起始',
        workingDays: '工作日',
        meeting: '会议',
        subject: '主题',
        status: '状态',
        action: '行动',
        who: '负责人',
        overdue: '逾期',
        signed: '已签',
        committed: '已承诺',
        remaining: '剩余',
      },
      phases: {
        open: '未开始',
        in_progress: '进行中',
        on_hold: '暂停',
        completed: '已完成',
        cancelled: '已取消',
      },
      reportStatuses: {
        draft: '草稿',
        awaiting_confirmation: '等待您确认',
        confirmed: '已确认',
        confirmed_by_silence: '已确认（一个工作日内无疑问）',
        disputed: '有疑问：将发出更正版本',
      },
      owners: { client: '客户', agency: '代理商' },
      overdueMark: '逾期',
      csvSection: '部分',
      emailSubject: (client, period) => `状态报告，${period}：${client}`,
      greeting: (name) => `${name}，您好：`,
      ready: (client, period) => `${client}（${period}）的状态报告已备好。`,
      csv: (url) => `数据表格（CSV）：${url}`,
      open: '打开状态报告',
      notSent: '该状态报告尚未发送给客户：请先发送。',
      facts: {
        jobs: '进行中的工作',
        milestonesDone: '已完成里程碑',
        overdueMilestones: '逾期里程碑',
        waitingOnClient: '等待客户审批',
        waitingOnAgency: '等待代理商审批',
        clientNextStepsOverdue: '客户逾期的后续行动',
      },
    },
  },
);

/**
 * The minutes' words: what people read about contact reports — the minutes email, page and document the client's
 * attendees get, and the notices staff get — per language (the reader's `language`: English,
 * Spanish or Simplified Chinese), with dates by `Intl` in that language and the client's time zone.
 */
type Kind = 'meeting' | 'call';

export interface Wording {
  language: Language;
  /** A day: "Mon 5 Apr 2027". */
  day: (date: string) => string;
  /** An instant in a zone: "Mon 5 Apr 2027, 17:00 (Europe/Madrid)". */
  moment: (iso: string, timeZone: string) => string;
  /** The end of the day a deadline (the midnight after it) closes: "the end of Mon 5 Apr 2027 (Europe/Madrid)". */
  endOfDay: (deadline: string, timeZone: string) => string;
  titles: Record<Kind, string>;
  labels: Record<
    | 'meetingAt'
    | 'place'
    | 'agency'
    | 'client'
    | 'copiesTo'
    | 'subject'
    | 'agenda'
    | 'decisions'
    | 'nextSteps'
    | 'who'
    | 'byWhen'
    | 'keyDates'
    | 'reporter'
    | 'jobs'
    | 'version'
    | 'confirmation',
    string
  >;
  /** The rule for minutes (seeds 004), with the day it ends when known. */
  rule: (deadline?: string) => string;
  emailSubject: (kind: Kind, subject: string, date: string, version: number) => string;
  copySubject: (kind: Kind, subject: string, date: string) => string;
  greeting: (name: string) => string;
  intro: (kind: Kind, date: string, agencyName: string, version: number) => string;
  copyIntro: (kind: Kind, date: string) => string;
  action: string;
  page: {
    heading: (agencyName: string) => string;
    ask: (name: string, deadline: string) => string;
    confirm: string;
    question: string;
    questionLabel: string;
    questionRequired: string;
    send: string;
    answered: (answer: 'confirm' | 'question', at: string) => string;
    answeredTitle: string;
    superseded: string;
    supersededTitle: string;
    closedTitle: string;
    closedConfirmed: (at: string) => string;
    closedSilence: (deadline: string) => string;
    closedDisputed: string;
    invalidTitle: string;
    invalid: string;
    notUnderstoodTitle: string;
    notUnderstood: string;
    notAcceptedTitle: string;
    notFromPage: string;
    tooManyTitle: string;
    busyTitle: string;
    failedTitle: string;
    failed: string;
  };
  /** What the reporter (and, for a question, the AEs) are told when the minutes settle. */
  outcome: {
    subject: Record<'confirmed' | 'confirmed_by_silence' | 'disputed', (subject: string) => string>;
    confirmed: (what: string) => string;
    silence: (what: string, deadline: string) => string;
    disputed: (what: string, who: string, at: string, question: string) => string;
    what: (kind: Kind, subject: string, client: string, version: number) => string;
    stoppedSubject: (subject: string) => string;
    stopped: (what: string) => string;
    open: string;
  };
}

const locales: Record<Language, string> = { en: 'en-GB', es: 'es-ES', 'zh-CN': 'zh-CN' };

function dates(language: Language) {
  const locale = locales[language];
  const dayOptions: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  };
  const day = (date: string) =>
    new Intl.DateTimeFormat(locale, { ...dayOptions, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const moment = (iso: string, timeZone: string) =>
    `${new Intl.DateTimeFormat(locale, { ...dayOptions, hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso))} (${timeZone})`;
  // A deadline is the midnight that ends its day: the day named is the one before it, in its zone.
  const lastDay = (deadline: string, timeZone: string) =>
    `${new Intl.DateTimeFormat(locale, { ...dayOptions, timeZone }).format(new Date(Date.parse(deadline) - 1))} (${timeZone})`;
  return { day, moment, lastDay };
}

function english(): Wording {
  const { day, moment, lastDay } = dates('en');
  const noun = { meeting: 'meeting', call: 'call' } as const;
  return {
    language: 'en',
    day,
    moment,
    endOfDay: (deadline, timeZone) => `the end of ${lastDay(deadline, timeZone)}`,
    titles: { meeting: 'Contact report (meeting minutes)', call: 'Call report' },
    labels: {
      meetingAt: 'Meeting time',
      place: 'Meeting place',
      agency: 'Agency',
      client: 'Client',
      copiesTo: 'Copies to',
      subject: 'Subject',
      agenda: 'Agenda',
      decisions: 'Decisions',
      nextSteps: 'Next steps',
      who: 'Who',
      byWhen: 'By when',
      keyDates: 'Key dates',
      reporter: 'Reported by',
      jobs: 'Jobs',
      version: 'Version',
      confirmation: 'Client confirmation',
    },
    rule: (deadline) =>
      `If you have any question about these minutes, raise it with the reporter within one working day of receiving them${deadline ? ` (by ${deadline})` : ''}. Otherwise they stand as the confirmed agreement between the client and the agency.`,
    emailSubject: (kind, subject, date, version) =>
      `${version > 1 ? 'Corrected minutes' : kind === 'call' ? 'Call report' : 'Meeting minutes'} for your confirmation: ${subject} (${date})`,
    copySubject: (kind, subject, date) =>
      `For your information: ${kind === 'call' ? 'call report' : 'meeting minutes'}: ${subject} (${date})`,
    greeting: (name) => `Dear ${name},`,
    intro: (kind, date, agencyName, version) =>
      version > 1
        ? `Here is the corrected version (version ${version}) of the minutes of our ${noun[kind]} on ${date}. ${agencyName} asks you to confirm it, or to raise any question.`
        : `Here are the minutes of our ${noun[kind]} on ${date}. ${agencyName} asks you to confirm them, or to raise any question.`,
    copyIntro: (kind, date) =>
      `For your information: the minutes of the ${noun[kind]} on ${date} went to the client for confirmation.`,
    action: 'Confirm or raise a question',
    page: {
      heading: (agencyName) => `${agencyName} asks you to confirm these minutes`,
      ask: (name, deadline) =>
        `Dear ${name}, please read the minutes below. Confirm them, or raise a question by ${deadline}; without a question by then they stand as confirmed.`,
      confirm: 'I confirm these minutes',
      question: 'Raise a question',
      questionLabel: 'Your question (it goes to the reporter, who will send a corrected version)',
      questionRequired: 'Write your question, then send it.',
      send: 'Send my answer',
      answered: (answer, at) =>
        answer === 'confirm'
          ? `You confirmed these minutes on ${at}. Thank you.`
          : `You raised a question on ${at}. The reporter will answer it with a corrected version.`,
      answeredTitle: 'Answer recorded',
      superseded: 'A corrected version of these minutes has been sent to you: please answer that one.',
      supersededTitle: 'A newer version exists',
      closedTitle: 'These minutes are settled',
      closedConfirmed: (at) => `These minutes were confirmed on ${at}.`,
      closedSilence: (deadline) =>
        `Nobody raised a question by ${deadline}: these minutes stand as the confirmed agreement.`,
      closedDisputed:
        'A question was raised about these minutes; the reporter will send a corrected version to confirm.',
      invalidTitle: 'This link is not valid or has expired',
      invalid:
        'This link is not valid or no longer open. If you have a question about the minutes, please contact the reporter.',
      notUnderstoodTitle: 'Not understood',
      notUnderstood: 'Choose an answer on the page and send it again.',
      notAcceptedTitle: 'Not accepted',
      notFromPage: 'Answers are accepted only from the minutes page itself.',
      tooManyTitle: 'Too many attempts',
      busyTitle: 'Busy right now',
      failedTitle: 'Something went wrong',
      failed: 'Nothing was recorded. Please try again in a moment.',
    },
    outcome: {
      subject: {
        confirmed: (s) => `Minutes confirmed: ${s}`,
        confirmed_by_silence: (s) => `Minutes confirmed by silence: ${s}`,
        disputed: (s) => `A question about the minutes: ${s}`,
      },
      what: (kind, subject, client, version) =>
        `${kind === 'call' ? 'call report' : 'minutes'} “${subject}” (${client}, version ${version})`,
      confirmed: (what) =>
        `Every client attendee confirmed the ${what}. They are the confirmed agreement between client and agency.`,
      silence: (what, deadline) =>
        `Nobody raised a question about the ${what} by ${deadline}, one working day after receiving them, so under the rule for minutes they stand as the confirmed agreement between client and agency.`,
      disputed: (what, who, at, question) =>
        `${who} raised a question about the ${what} on ${at}: “${question}”. The one-working-day clock has stopped. Answer the question, correct the minutes and issue the corrected version: the client then has one working day to question it.`,
      stoppedSubject: (s) => `Minutes’ clock stopped: ${s}`,
      stopped: (what) =>
        `The one-working-day clock of the ${what} stopped. Until it runs again, a silence will not be recorded as the client’s confirmation. Restart it from the contact report: it sends what was not sent and, if the window has ended meanwhile without a question, records the confirmation by silence.`,
      open: 'Open the contact report',
    },
  };
}

function spanish(): Wording {
  const { day, moment, lastDay } = dates('es');
  const noun = { meeting: 'reunión', call: 'llamada' } as const;
  return {
    language: 'es',
    day,
    moment,
    endOfDay: (deadline, timeZone) => `el final del ${lastDay(deadline, timeZone)}`,
    titles: { meeting: 'Acta de reunión', call: 'Informe de llamada' },
    labels: {
      meetingAt: 'Fecha y hora',
      place: 'Lugar',
      agency: 'Agencia',
      client: 'Cliente',
      copiesTo: 'Copias a',
      subject: 'Asunto',
      agenda: 'Orden del día',
      decisions: 'Decisiones',
      nextSteps: 'Próximos pasos',
      who: 'Responsable',
      byWhen: 'Fecha límite',
      keyDates: 'Fechas clave',
      reporter: 'Redactada por',
      jobs: 'Órdenes de trabajo',
      version: 'Versión',
      confirmation: 'Confirmación del cliente',
    },
    rule: (deadline) =>
      `Si tiene cualquier duda sobre esta acta, comuníquela a quien la redactó dentro del día hábil siguiente a su recepción${deadline ? ` (antes de ${deadline})` : ''}. De lo contrario, el acta se considerará el acuerdo confirmado entre el cliente y la agencia.`,
    emailSubject: (kind, subject, date, version) =>
      `${version > 1 ? 'Acta corregida' : kind === 'call' ? 'Informe de llamada' : 'Acta de reunión'} para su confirmación: ${subject} (${date})`,
    copySubject: (kind, subject, date) =>
      `Para su información: ${kind === 'call' ? 'informe de llamada' : 'acta de reunión'}: ${subject} (${date})`,
    greeting: (name) => `Estimado/a ${name}:`,
    intro: (kind, date, agencyName, version) =>
      version > 1
        ? `Le enviamos la versión corregida (versión ${version}) del acta de nuestra ${noun[kind]} del ${date}. ${agencyName} le pide que la confirme o que plantee cualquier duda.`
        : `Le enviamos el acta de nuestra ${noun[kind]} del ${date}. ${agencyName} le pide que la confirme o que plantee cualquier duda.`,
    copyIntro: (kind, date) =>
      `Para su información: el acta de la ${noun[kind]} del ${date} se ha enviado al cliente para su confirmación.`,
    action: 'Confirmar o plantear una duda',
    page: {
      heading: (agencyName) => `${agencyName} le pide que confirme esta acta`,
      ask: (name, deadline) =>
        `${name}, lea el acta a continuación. Confírmela o plantee una duda antes de ${deadline}; si no hay ninguna duda para entonces, se considerará confirmada.`,
      confirm: 'Confirmo esta acta',
      question: 'Plantear una duda',
      questionLabel: 'Su duda (llega a quien redactó el acta, que enviará una versión corregida)',
      questionRequired: 'Escriba su duda y envíela.',
      send: 'Enviar mi respuesta',
      answered: (answer, at) =>
        answer === 'confirm'
          ? `Confirmó esta acta el ${at}. Gracias.`
          : `Planteó una duda el ${at}. Quien redactó el acta la responderá con una versión corregida.`,
      answeredTitle: 'Respuesta registrada',
      superseded: 'Se le ha enviado una versión corregida de esta acta: responda a esa.',
      supersededTitle: 'Existe una versión más reciente',
      closedTitle: 'Esta acta está cerrada',
      closedConfirmed: (at) => `Esta acta se confirmó el ${at}.`,
      closedSilence: (deadline) =>
        `Nadie planteó ninguna duda antes de ${deadline}: el acta se considera el acuerdo confirmado.`,
      closedDisputed:
        'Se planteó una duda sobre esta acta; quien la redactó enviará una versión corregida para confirmar.',
      invalidTitle: 'Este enlace no es válido o ha caducado',
      invalid:
        'Este enlace no es válido o ya no está abierto. Si tiene alguna duda sobre el acta, contacte con quien la redactó.',
      notUnderstoodTitle: 'No se entendió',
      notUnderstood: 'Elija una respuesta en la página y envíela de nuevo.',
      notAcceptedTitle: 'No aceptado',
      notFromPage: 'Solo se aceptan respuestas enviadas desde la propia página del acta.',
      tooManyTitle: 'Demasiados intentos',
      busyTitle: 'Servicio ocupado',
      failedTitle: 'Algo salió mal',
      failed: 'No se registró nada. Inténtelo de nuevo en un momento.',
    },
    outcome: {
      subject: {
        confirmed: (s) => `Acta confirmada: ${s}`,
        confirmed_by_silence: (s) => `Acta confirmada por silencio: ${s}`,
        disputed: (s) => `Una duda sobre el acta: ${s}`,
      },
      what: (kind, subject, client, version) =>
        `${kind === 'call' ? 'informe de llamada' : 'acta'} «${subject}» (${client}, versión ${version})`,
      confirmed: (what) =>
        `Todos los asistentes del cliente confirmaron el ${what}. Es el acuerdo confirmado entre cliente y agencia.`,
      silence: (what, deadline) =>
        `Nadie planteó ninguna duda sobre el ${what} antes de ${deadline}, un día hábil después de recibirla, así que según la norma de las actas es el acuerdo confirmado entre cliente y agencia.`,
      disputed: (what, who, at, question) =>
        `${who} planteó una duda sobre el ${what} el ${at}: «${question}». El plazo de un día hábil se ha detenido. Responda la duda, corrija el acta y emita la versión corregida: el cliente tendrá entonces un día hábil para plantear dudas.`,
      stoppedSubject: (s) => `Plazo del acta detenido: ${s}`,
      stopped: (what) =>
        `El plazo de un día hábil del ${what} se detuvo. Mientras no se reanude, el silencio no se registrará como confirmación del cliente. Reanúdelo desde el acta: enviará lo pendiente y, si el plazo terminó sin dudas, registrará la confirmación por silencio.`,
      open: 'Abrir el acta',
    },
  };
}

function chinese(): Wording {
  const { day, moment, lastDay } = dates('zh-CN');
  const noun = { meeting: '会议', call: '电话' } as const;
  return {
    language: 'zh-CN',
    day,
    moment,
    endOfDay: (deadline, timeZone) => `${lastDay(deadline, timeZone)}结束前`,
    titles: { meeting: '会议记录', call: '电话记录' },
    labels: {
      meetingAt: '会议时间',
      place: '会议地点',
      agency: '广告公司',
      client: '客户',
      copiesTo: '记录抄送',
      subject: '会议主题',
      agenda: '会议议程',
      decisions: '决定',
      nextSteps: '下一步',
      who: '执行者',
      byWhen: '日期',
      keyDates: '重要日期',
      reporter: '报告人',
      jobs: '工作项目',
      version: '版本',
      confirmation: '客户确认',
    },
    rule: (deadline) =>
      `如果对此份会议记录有任何疑义，请在收到此记录后的一个工作日内${deadline ? `（${deadline}）` : ''}与记录报告人联系。否则，此份记录将视作客户与广告公司之间达成的确认协议。`,
    emailSubject: (kind, subject, date, version) =>
      `${version > 1 ? '更正后的会议记录' : kind === 'call' ? '电话记录' : '会议记录'}，请确认：${subject}（${date}）`,
    copySubject: (kind, subject, date) =>
      `抄送：${kind === 'call' ? '电话记录' : '会议记录'}：${subject}（${date}）`,
    greeting: (name) => `${name}您好：`,
    intro: (kind, date, agencyName, version) =>
      version > 1
        ? `这是${date}${noun[kind]}记录的更正版本（第 ${version} 版）。${agencyName}请您确认，或提出任何疑问。`
        : `这是${date}${noun[kind]}的记录。${agencyName}请您确认，或提出任何疑问。`,
    copyIntro: (kind, date) => `供您参考：${date}${noun[kind]}的记录已发送给客户确认。`,
    action: '确认或提出疑问',
    page: {
      heading: (agencyName) => `${agencyName}请您确认此会议记录`,
      ask: (name, deadline) =>
        `${name}您好，请阅读以下会议记录。请在${deadline}确认或提出疑问；届时如无疑问，此记录即视为已确认。`,
      confirm: '我确认此会议记录',
      question: '提出疑问',
      questionLabel: '您的疑问（将发送给记录报告人，报告人会发送更正版本）',
      questionRequired: '请写下您的疑问后再发送。',
      send: '提交答复',
      answered: (answer, at) =>
        answer === 'confirm'
          ? `您已于${at}确认此会议记录。谢谢。`
          : `您已于${at}提出疑问。记录报告人将以更正版本答复。`,
      answeredTitle: '已记录您的答复',
      superseded: '此会议记录的更正版本已发送给您，请答复新版本。',
      supersededTitle: '已有更新的版本',
      closedTitle: '此会议记录已结束',
      closedConfirmed: (at) => `此会议记录已于${at}确认。`,
      closedSilence: (deadline) => `在${deadline}无人提出疑问：此会议记录视作已确认的协议。`,
      closedDisputed: '有人对此会议记录提出了疑问；记录报告人将发送更正版本供确认。',
      invalidTitle: '此链接无效或已过期',
      invalid: '此链接无效或已不再开放。如对会议记录有疑问，请与记录报告人联系。',
      notUnderstoodTitle: '无法识别',
      notUnderstood: '请在页面上选择答复后重新提交。',
      notAcceptedTitle: '未被接受',
      notFromPage: '只接受从会议记录页面本身提交的答复。',
      tooManyTitle: '尝试次数过多',
      busyTitle: '服务繁忙',
      failedTitle: '出现问题',
      failed: '未记录任何内容。请稍后再试。',
    },
    outcome: {
      subject: {
        confirmed: (s) => `会议记录已确认：${s}`,
        confirmed_by_silence: (s) => `会议记录因无异议而确认：${s}`,
        disputed: (s) => `会议记录有疑问：${s}`,
      },
      what: (kind, subject, client, version) =>
        `${kind === 'call' ? '电话记录' : '会议记录'}“${subject}”（${client}，第 ${version} 版）`,
      confirmed: (what) => `所有客户与会者已确认${what}。它是客户与广告公司之间已确认的协议。`,
      silence: (what, deadline) =>
        `在收到后一个工作日内（${deadline}）无人对${what}提出疑问，按会议记录规则，它视作客户与广告公司之间已确认的协议。`,
      disputed: (what, who, at, question) =>
        `${who}于${at}对${what}提出疑问：“${question}”。一个工作日的计时已停止。请答复疑问、更正记录并发出更正版本：客户将再有一个工作日提出疑问。`,
      stoppedSubject: (s) => `会议记录计时已中断：${s}`,
      stopped: (what) =>
        `${what}的一个工作日计时已中断。重新启动前，无异议不会被记录为客户确认。请在会议记录页面重新启动：将发送未发送的内容；如期限已过且无人提出疑问，将记录无异议确认。`,
      open: '打开会议记录',
    },
  };
}

/** The minutes' words in each language (a reader whose language is not recorded reads the agency's). */
export const minutesWords = /* @__PURE__ */ catalogue<Wording>(/* @__PURE__ */ english(), {
  es: /* @__PURE__ */ spanish(),
  'zh-CN': /* @__PURE__ */ chinese(),
});

/** The account manager's monthly work report to their account director (issue 15 §2). */
export const workReportWords = /* @__PURE__ */ catalogue(
  {
    title: (manager: string, month: string) => `Monthly work report: ${manager}, ${month}`,
    byline: (agency: string, clients: string, asOf: string) => `${agency} · ${clients} · as of ${asOf}`,
    summary: 'Summary',
    plan: "Next month's plan",
    none: 'None.',
    sections: {
      jobsOpened: 'Jobs opened',
      jobsMoved: 'Jobs moved',
      jobsFinished: 'Jobs finished',
      signOffs: "The client's sign-offs recorded",
      contactReports: 'Contact reports confirmed or disputed',
      waiting: 'Working days waiting (approvals open in the month)',
      nextMonthJobs: 'Jobs due next month',
      nextMonthMilestones: 'Milestones due next month',
    },
    columns: {
      client: 'Client',
      job: 'Job',
      title: 'Title',
      on: 'On',
      from: 'From',
      to: 'To',
      what: 'What',
      who: 'Who',
      decision: 'Decision',
      subject: 'Subject',
      version: 'Version',
      status: 'Status',
      onClient: 'On the client',
      onAgency: 'On the agency',
      due: 'Due',
      milestone: 'Milestone',
    },
    total: 'Total',
    words: {
      open: 'open',
      in_progress: 'in progress',
      on_hold: 'on hold',
      completed: 'completed',
      cancelled: 'cancelled',
      approve: 'approved',
      approve_with_changes: 'approved with changes',
      request_changes: 'changes requested',
      reject: 'rejected',
      confirmed: 'confirmed',
      confirmed_by_silence: 'confirmed (no question within one working day)',
      disputed: 'questioned',
    } as Record<string, string>,
    emailSubject: (manager: string, month: string) => `Monthly work report of ${manager}: ${month}`,
    greeting: (name: string) => `Dear ${name},`,
    sent: (manager: string, month: string) => `${manager} sent you their work report for ${month}.`,
    draftReady: (month: string) =>
      `Your work report for ${month} is drafted from the month's jobs, decisions and approvals. Add your summary and next month's plan, then send it to your account director.`,
    draftSubject: (month: string) => `Your work report for ${month} is ready to edit`,
    open: 'Open the report',
    edit: 'Edit and send',
    csvSection: 'Section',
    notSent: 'This work report is still a draft: send it to your account director first.',
    directorGone: (name: string) =>
      `${name}, to whom this work report was sent, no longer works here: it cannot be emailed to them again.`,
  },
  {
    es: {
      title: (manager, month) => `Informe mensual de trabajo: ${manager}, ${month}`,
      byline: (agency, clients, asOf) => `${agency} · ${clients} · a ${asOf}`,
      summary: 'Resumen',
      plan: 'Plan del próximo mes',
      none: 'Ninguno.',
      sections: {
        jobsOpened: 'Órdenes de trabajo abiertas',
        jobsMoved: 'Órdenes de trabajo que cambiaron de estado',
        jobsFinished: 'Órdenes de trabajo terminadas',
        signOffs: 'Aprobaciones del cliente registradas',
        contactReports: 'Actas confirmadas o cuestionadas',
        waiting: 'Días hábiles de espera (aprobaciones abiertas en el mes)',
        nextMonthJobs: 'Órdenes de trabajo con entrega el próximo mes',
        nextMonthMilestones: 'Hitos del próximo mes',
      },
      columns: {
        client: 'Cliente',
        job: 'Orden',
        title: 'Título',
        on: 'Fecha',
        from: 'De',
        to: 'A',
        what: 'Qué',
        who: 'Quién',
        decision: 'Decisión',
        subject: 'Asunto',
        version: 'Versión',
        status: 'Estado',
        onClient: 'Del cliente',
        onAgency: 'De la agencia',
        due: 'Vence',
        milestone: 'Hito',
      },
      total: 'Total',
      words: {
        open: 'abierta',
        in_progress: 'en curso',
        on_hold: 'en pausa',
        completed: 'terminada',
        cancelled: 'cancelada',
        approve: 'aprobado',
        approve_with_changes: 'aprobado con cambios',
        request_changes: 'cambios pedidos',
        reject: 'rechazado',
        confirmed: 'confirmada',
        confirmed_by_silence: 'confirmada (sin preguntas en un día hábil)',
        disputed: 'cuestionada',
      },
      emailSubject: (manager, month) => `Informe mensual de trabajo de ${manager}: ${month}`,
      greeting: (name) => `Estimado/a ${name}:`,
      sent: (manager, month) => `${manager} le envió su informe de trabajo de ${month}.`,
      draftReady: (month) =>
        `Su informe de trabajo de ${month} está redactado con las órdenes, decisiones y aprobaciones del mes. Añada su resumen y el plan del próximo mes y envíelo a su director de cuentas.`,
      draftSubject: (month) => `Su informe de trabajo de ${month} está listo para editar`,
      open: 'Abrir el informe',
      edit: 'Editar y enviar',
      csvSection: 'Sección',
      notSent: 'Este informe de trabajo aún es un borrador: envíelo primero a su director de cuentas.',
      directorGone: (name) =>
        `${name}, a quien se envió este informe de trabajo, ya no trabaja aquí: no se le puede volver a enviar.`,
    },
    'zh-CN': {
      title: (manager, month) => `月度工作报告：${manager}，${month}`,
      byline: (agency, clients, asOf) => `${agency} · ${clients} · 截至 ${asOf}`,
      summary: '总结',
      plan: '下月工作计划',
      none: '无。',
      sections: {
        jobsOpened: '新开工作项目',
        jobsMoved: '状态变更的工作项目',
        jobsFinished: '已完成的工作项目',
        signOffs: '已记录的客户签核',
        contactReports: '已确认或有异议的会议记录',
        waiting: '等待的工作日（本月未决的审批）',
        nextMonthJobs: '下月到期的工作项目',
        nextMonthMilestones: '下月到期的里程碑',
      },
      columns: {
        client: '客户',
        job: '工作项目',
        title: '标题',
        on: '日期',
        from: '原状态',
        to: '新状态',
        what: '内容',
        who: '人员',
        decision: '决定',
        subject: '主题',
        version: '版本',
        status: '状态',
        onClient: '等待客户',
        onAgency: '等待代理商',
        due: '到期',
        milestone: '里程碑',
      },
      total: '合计',
      words: {
        open: '已开立',
        in_progress: '进行中',
        on_hold: '暂停',
        completed: '已完成',
        cancelled: '已取消',
        approve: '批准',
        approve_with_changes: '修改后批准',
        request_changes: '要求修改',
        reject: '拒绝',
        confirmed: '已确认',
        confirmed_by_silence: '已确认（一个工作日内无异议）',
        disputed: '有异议',
      },
      emailSubject: (manager, month) => `${manager} 的月度工作报告：${month}`,
      greeting: (name) => `${name}，您好：`,
      sent: (manager, month) => `${manager} 向您发送了 ${month} 的工作报告。`,
      draftReady: (month) =>
        `您 ${month} 的工作报告已根据本月的工作项目、决定和审批起草。请补充您的总结和下月计划，然后发送给您的客户总监。`,
      draftSubject: (month) => `您 ${month} 的工作报告可以编辑了`,
      open: '打开报告',
      edit: '编辑并发送',
      csvSection: '部分',
      notSent: '该工作报告仍是草稿：请先发送给您的客户总监。',
      directorGone: (name) => `接收该工作报告的 ${name} 已离职：无法再次发送给其本人。`,
    },
  },
);

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const clientRecordRefusalWords: RefusalWords = {
  es: {
    unknown_staff: 'No hay ningún miembro activo del personal con ese identificador.',
    // Client record: pitches, evaluations, minutes, reports, competitive activity.
    not_a_prospect:
      'Solo se concursa por un prospecto, que pasa a ser cliente al ganar, y este no está registrado como prospecto.',
    pitch_closed: 'Este concurso está cerrado: ya no cambia nada.',
    no_conflict: 'Este prospecto no compite con ningún cliente activo: no hay nada que decidir.',
    conflict_undecided:
      'El prospecto compite con un cliente activo: el director general de cuentas debe decidir antes de darlo por ganado.',
    code_required: 'Indique el código del nuevo cliente (de 2 a 8 letras mayúsculas).',
    no_evaluation_form:
      'El departamento de cuentas evalúa solo a su propio personal: esta persona no tiene formulario aquí.',
    unknown_criterion: 'No es un criterio del formulario de evaluación de esta función.',
    evaluation_exists: 'Esta persona ya tiene una evaluación de ese periodo.',
    evaluation_incomplete:
      'Califique todos los criterios y escriba un resumen antes de compartir la evaluación.',
    evaluation_shared: 'La evaluación ya se compartió con la persona: ya no cambia.',
    awaiting_concurrence:
      'La evaluación espera la conformidad del director de cuentas: solo vuelve a cambiar si se la devuelve.',
    not_awaiting_concurrence: 'Esta evaluación no espera la conformidad de un director.',
    comment_required: 'Diga qué debe cambiar la evaluación antes de devolverla.',
    already_acknowledged: 'Usted ya dio por recibida esta evaluación.',
    meeting_not_held: 'La reunión aún no se ha celebrado: emita el acta después.',
    nothing_to_issue:
      'El borrador es igual a la última versión emitida: corrija primero el acta y después emítala.',
    no_reachable_attendee:
      'No se puede escribir a ninguno de los asistentes del cliente (sus direcciones rebotaron): corrija la dirección de un contacto y emita después.',
    not_stopped: 'El plazo del acta sigue corriendo, o el acta ya está resuelta: no hay nada que reanudar.',
    minutes_settled:
      'Esta acta ya no espera respuestas (si aún se está enviando, inténtelo de nuevo en un momento).',
    window_closed: 'El plazo para plantear dudas terminó: el acta se considera confirmada.',
    not_an_attendee: 'Ese contacto no es uno de los asistentes del cliente a quienes se envió el acta.',
    already_answered: 'Este asistente ya respondió al acta: el enlace ya se usó.',
    question_required: 'Escriba su duda y envíela.',
    no_senior_contact:
      'El cliente no tiene ningún contacto directivo activo, con una dirección que funcione, a quien enviar el informe de estado.',
    not_an_account_manager:
      'El informe mensual de trabajo corresponde al gerente de cuentas, y esta persona no lo es.',
    future_month: 'Un informe de trabajo es de un mes ya empezado, y este aún no ha empezado.',
    no_account_director:
      'Usted no depende de ningún director de cuentas activo: pida al director general de cuentas que fije su superior antes de enviar.',
    work_report_sent: 'Este informe de trabajo ya se envió al director de cuentas: ya no cambia.',
    already_cited: 'El brief ya cita esta entrada.',
    no_sample: 'Esta entrada no indica ninguna muestra creativa que subir.',
  },
  'zh-CN': {
    unknown_staff: '没有该编号的在职员工。',
    // Client record: pitches, evaluations, minutes, reports, competitive activity.
    not_a_prospect: '只有潜在客户才能比稿，赢得后成为客户；此客户未登记为潜在客户。',
    pitch_closed: '此比稿已结束：不再更改。',
    no_conflict: '该潜在客户不与任何现有客户竞争：无需决定。',
    conflict_undecided: '该潜在客户与现有客户存在竞争：须由客户服务部部长先做决定，才能记为赢得。',
    code_required: '请填写新客户的代码（2 至 8 个大写字母）。',
    no_evaluation_form: '客户部只评估本部门员工：此人在这里没有评估表。',
    unknown_criterion: '这不是该职位评估表中的标准。',
    evaluation_exists: '此人在该期间已有评估。',
    evaluation_incomplete: '共享评估前，请为每项标准评分并撰写总结。',
    evaluation_shared: '评估已与本人共享：不再更改。',
    awaiting_concurrence: '此评估正在等待客户总监认可：只有被退回后才能再修改。',
    not_awaiting_concurrence: '此评估并未在等待总监认可。',
    comment_required: '退回评估前，请说明需要修改的内容。',
    already_acknowledged: '您已确认收到此评估。',
    meeting_not_held: '会议尚未举行：请会后再发出会议记录。',
    nothing_to_issue: '草稿与最近发出的版本相同：请先修改会议记录再发出。',
    no_reachable_attendee: '无法给任何客户与会者发送邮件（其地址被退信）：请更正联系人的地址后再发出。',
    not_stopped: '会议记录的时限仍在进行，或记录已经定案：无需重新开始。',
    minutes_settled: '此会议记录已不再等待回复（如仍在发送中，请稍后再试）。',
    window_closed: '提出疑问的期限已过：会议记录视为已确认。',
    not_an_attendee: '该联系人不是收到此会议记录的客户与会者。',
    already_answered: '该与会者已回复此会议记录：链接已使用过。',
    question_required: '请写下您的疑问后再发送。',
    no_senior_contact: '该客户没有可接收状态报告的在职高层联系人（须有有效的邮件地址）。',
    not_an_account_manager: '月度工作报告由客户经理负责，此人不是客户经理。',
    future_month: '工作报告只针对已开始的月份，该月尚未开始。',
    no_account_director: '您的上级中没有在职的客户总监：发送前请客户服务部部长设定您的直属上级。',
    work_report_sent: '此工作报告已发送给客户总监：不再更改。',
    already_cited: '简报已引用此条目。',
    no_sample: '此条目没有需要上传的创意样本。',
  },
};
