import { AppError } from '../platform/errors.js';
import { catalogue, type Language } from '../platform/i18n.js';

/**
 * Time and profit in the reader's words (issue 14 §3): the refusals of time capture and the
 * profitability report, in English, Spanish and Simplified Chinese. Roles, amounts and dates
 * arrive already written for the reader.
 */
export const timeProblemWords = /* @__PURE__ */ catalogue(
  {
    notOnTeam: (job: string) =>
      `You are not on the account team of job ${job}'s client: time is logged only on the jobs of clients you work on.`,
    outsideWeek: (date: string, week: string) => `${date} is not a day of week ${week}.`,
    duplicateCell: 'The same job, day and activity is given twice: put the minutes in one cell.',
    dayOver24Hours: (date: string) => `More than 24 hours are logged on ${date}.`,
    noCostRate: (role: string, currency: string, date: string) =>
      `No cost rate is set for the ${role} in ${currency} on ${date}: the head of account services sets it before time can be logged.`,
    weekLocked: (status: 'submitted' | 'approved') =>
      status === 'approved'
        ? 'This week is approved: its time is locked.'
        : 'This week is submitted and waits for your line manager: it can be changed once returned.',
    nothingToSubmit: 'This week has no time to submit.',
    noLineManager:
      'You have no line manager in Account Desk to approve your timesheet: ask the head of account services to set your reporting line.',
    notLineManager: (name: string) => `Only ${name}'s line manager decides on this timesheet.`,
    notSubmitted: 'This timesheet is not waiting for a decision.',
    reasonRequired: 'Say what to correct when you return a timesheet.',
    ownTimesheet: 'You cannot approve your own timesheet.',
    tooManyWaiting: (count: number) =>
      `This person has more than ${count} timesheets waiting for their line manager: have them decided before changing who they report to.`,
    rateCurrency: (currency: string) =>
      `The client's rates are in ${currency}: set this rate in ${currency} too.`,
  },
  {
    es: {
      notOnTeam: (job: string) =>
        `Usted no forma parte del equipo de cuenta del cliente del trabajo ${job}: solo se registran horas en trabajos de los clientes con los que trabaja.`,
      outsideWeek: (date: string, week: string) => `${date} no es un día de la semana ${week}.`,
      duplicateCell:
        'El mismo trabajo, día y actividad aparecen dos veces: ponga los minutos en una sola celda.',
      dayOver24Hours: (date: string) => `Hay más de 24 horas registradas el ${date}.`,
      noCostRate: (role: string, currency: string, date: string) =>
        `No hay tarifa de costo para ${role} en ${currency} el ${date}: el director general de cuentas debe fijarla antes de registrar horas.`,
      weekLocked: (status: 'submitted' | 'approved') =>
        status === 'approved'
          ? 'Esta semana está aprobada: sus horas están bloqueadas.'
          : 'Esta semana está enviada y espera a su responsable directo: podrá cambiarse cuando se la devuelvan.',
      nothingToSubmit: 'Esta semana no tiene horas que enviar.',
      noLineManager:
        'No tiene responsable directo en Account Desk que apruebe su hoja de horas: pida al director general de cuentas que registre su línea jerárquica.',
      notLineManager: (name: string) =>
        `Solo el responsable directo de ${name} decide sobre esta hoja de horas.`,
      notSubmitted: 'Esta hoja de horas no espera ninguna decisión.',
      reasonRequired: 'Indique qué hay que corregir al devolver una hoja de horas.',
      ownTimesheet: 'No puede aprobar su propia hoja de horas.',
      tooManyWaiting: (count: number) =>
        `Esta persona tiene más de ${count} hojas de horas esperando a su responsable directo: haga que se decidan antes de cambiar a quién reporta.`,
      rateCurrency: (currency: string) =>
        `Las tarifas del cliente están en ${currency}: fije esta tarifa también en ${currency}.`,
    },
    'zh-CN': {
      notOnTeam: (job: string) =>
        `您不在工作 ${job} 所属客户的客户小组中：只能在您负责的客户的工作上登记工时。`,
      outsideWeek: (date: string, week: string) => `${date} 不在第 ${week} 周内。`,
      duplicateCell: '同一工作、日期和活动出现了两次：请把分钟数填在一个格子里。',
      dayOver24Hours: (date: string) => `${date} 登记的工时超过 24 小时。`,
      noCostRate: (role: string, currency: string, date: string) =>
        `${date} 没有 ${role} 的 ${currency} 成本费率：须由客户服务部部长先设定，才能登记工时。`,
      weekLocked: (status: 'submitted' | 'approved') =>
        status === 'approved'
          ? '本周工时已批准，已锁定。'
          : '本周工时已提交，正等待您的直属上级审批：退回后才能修改。',
      nothingToSubmit: '本周没有可提交的工时。',
      noLineManager: '您在 Account Desk 中没有直属上级来审批工时表：请客户服务部部长设定您的汇报关系。',
      notLineManager: (name: string) => `只有 ${name} 的直属上级可以审批此工时表。`,
      notSubmitted: '此工时表没有在等待审批。',
      reasonRequired: '退回工时表时请说明需要更正的内容。',
      ownTimesheet: '您不能审批自己的工时表。',
      tooManyWaiting: (count: number) =>
        `此人有超过 ${count} 张工时表正等待其直属上级审批：请先审批完，再更改其汇报对象。`,
      rateCurrency: (currency: string) => `该客户的费率以 ${currency} 计：此费率也请用 ${currency}。`,
    },
  },
);

/** A refusal of time capture: the project's error type, its detail in the reader's language. */
export function timeRefusal(
  status: 400 | 403 | 409 | 422,
  code: string,
  words: (w: (typeof timeProblemWords)['en'], language: Language) => string,
  field?: string,
): AppError {
  const detailIn = (language: Language) => words(timeProblemWords[language], language);
  const detail = detailIn('en');
  const title = { 400: 'Bad request', 403: 'Forbidden', 409: 'Conflict', 422: 'Unprocessable request' }[
    status
  ];
  const error = new AppError(status, code, title, detail, field ? [{ field, message: detail }] : undefined);
  error.detailIn = detailIn;
  return error;
}

/** The monthly profitability report and its email, in the head of accounts' language. */
export const profitabilityWords = /* @__PURE__ */ catalogue(
  {
    title: (month: string) => `Profitability, ${month}`,
    intro: (agency: string, clients: number, jobs: number) =>
      `${agency}: revenue invoiced in the month (fees, commission and rebilled costs, less credit notes), less vendors' bills and staff time at cost, for ${clients} clients and ${jobs} jobs with activity.`,
    byClient: 'Margin by client',
    topJobs: 'Jobs with the largest margin, and the smallest',
    columns: {
      client: 'Client',
      job: 'Job',
      revenue: 'Revenue',
      directCosts: 'Vendors’ bills',
      timeCost: 'Time at cost',
      hours: 'Hours',
      margin: 'Margin',
      marginPercent: 'Margin %',
      planned: 'Planned margin %',
    },
    totals: (currency: string) => `Totals in ${currency}`,
    noActivity: 'No revenue, bills or time in this month.',
    generated: (at: string) => `Generated ${at}.`,
    chartCaption: (shown: number, all: number) =>
      `The ${shown} largest of ${all}; every row is in the table.`,
    subject: (month: string) => `Profitability report ${month}`,
    greeting: (name: string) => `Dear ${name},`,
    ready: (month: string) =>
      `The agency's profitability report for ${month} is ready: revenue, vendors' bills and staff time at cost, per client and job, against each signed estimate's planned margin.`,
    csv: (url: string) => `The figures for finance (CSV): ${url}`,
    open: 'Open the report',
  },
  {
    es: {
      title: (month: string) => `Rentabilidad, ${month}`,
      intro: (agency: string, clients: number, jobs: number) =>
        `${agency}: ingresos facturados en el mes (honorarios, comisiones y costos refacturados, menos notas de crédito), menos facturas de proveedores y horas del personal al costo, de ${clients} clientes y ${jobs} trabajos con actividad.`,
      byClient: 'Margen por cliente',
      topJobs: 'Trabajos con el mayor y el menor margen',
      columns: {
        client: 'Cliente',
        job: 'Trabajo',
        revenue: 'Ingresos',
        directCosts: 'Facturas de proveedores',
        timeCost: 'Horas al costo',
        hours: 'Horas',
        margin: 'Margen',
        marginPercent: 'Margen %',
        planned: 'Margen previsto %',
      },
      totals: (currency: string) => `Totales en ${currency}`,
      noActivity: 'Sin ingresos, facturas ni horas en este mes.',
      generated: (at: string) => `Generado el ${at}.`,
      chartCaption: (shown: number, all: number) =>
        `Los ${shown} mayores de ${all}; todas las filas están en la tabla.`,
      subject: (month: string) => `Informe de rentabilidad ${month}`,
      greeting: (name: string) => `Estimado/a ${name}:`,
      ready: (month: string) =>
        `El informe de rentabilidad de la agencia de ${month} está listo: ingresos, facturas de proveedores y horas al costo, por cliente y trabajo, frente al margen previsto de cada presupuesto firmado.`,
      csv: (url: string) => `Las cifras para finanzas (CSV): ${url}`,
      open: 'Abrir el informe',
    },
    'zh-CN': {
      title: (month: string) => `盈利分析，${month}`,
      intro: (agency: string, clients: number, jobs: number) =>
        `${agency}：本月开票收入（服务费、佣金和转开票成本，减去贷项通知单），减去供应商账单和按成本计的员工工时，涵盖有业务的 ${clients} 个客户、${jobs} 个工作。`,
      byClient: '各客户利润',
      topJobs: '利润最高和最低的工作',
      columns: {
        client: '客户',
        job: '工作',
        revenue: '收入',
        directCosts: '供应商账单',
        timeCost: '工时成本',
        hours: '小时',
        margin: '利润',
        marginPercent: '利润率',
        planned: '计划利润率',
      },
      totals: (currency: string) => `${currency} 合计`,
      noActivity: '本月没有收入、账单或工时。',
      generated: (at: string) => `生成于 ${at}。`,
      chartCaption: (shown: number, all: number) => `显示 ${all} 项中最大的 ${shown} 项；所有行均在表中。`,
      subject: (month: string) => `盈利分析报告 ${month}`,
      greeting: (name: string) => `${name}，您好：`,
      ready: (month: string) =>
        `公司 ${month} 的盈利分析报告已完成：按客户和工作列出收入、供应商账单和工时成本，并与每份已签估价的计划利润率对比。`,
      csv: (url: string) => `供财务使用的数据（CSV）：${url}`,
      open: '打开报告',
    },
  },
);
