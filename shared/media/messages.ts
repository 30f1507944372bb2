import { catalogue } from '../platform/i18n.js';
import type { PlanKind, UnitType } from './schemas.js';

/**
 * What media writes for a client to read about a plan — what confirming a version leads to, the
 * plan's lines and totals on the approval page — in the reader's language.
 */
export const mediaWords = catalogue(
  {
    confirmLeadsTo: {
      recommendation: 'the agency then drafts the media master plan from it, for your confirmation',
      master_plan: 'the agency then drafts the monthly schedules from it, for your confirmation',
      monthly_schedule: 'the agency may then book exactly these lines with the media owners',
    } as Record<PlanKind, string>,
    goesOnFromIt: 'the agency goes on from it',
    confirmed: (next: string) =>
      `This version is confirmed as shown on this page — lines, rates and total — and ${next}.`,
    shownCaption: (lines: number) =>
      `What you confirm: ${lines} line${lines === 1 ? '' : 's'} of this version`,
    columns: ['Line', 'Channel', 'Vendor', 'Placement', 'Dates', 'Units', 'Rate', 'Cost'],
    totalCost: 'Total cost',
    budget: 'Campaign budget',
    flight: 'Flight',
    /** A count and whether it is one (Chinese has no plural). */
    units: {
      spots: (n: string, one: boolean) => `${n} ${one ? 'spot' : 'spots'}`,
      insertions: (n: string, one: boolean) => `${n} ${one ? 'insertion' : 'insertions'}`,
      impressions: (n: string, one: boolean) => `${n} ${one ? 'impression' : 'impressions'}`,
    } as Record<UnitType, (n: string, one: boolean) => string>,
    rate: {
      spots: (rate: string) => `${rate} per spot`,
      insertions: (rate: string) => `${rate} per insertion`,
      impressions: (rate: string) => `${rate} CPM (per 1,000 impressions)`,
    } as Record<UnitType, (rate: string) => string>,
  },
  {
    es: {
      confirmLeadsTo: {
        recommendation: 'a partir de ella la agencia prepara el plan maestro de medios, para su confirmación',
        master_plan: 'a partir de ella la agencia prepara las pautas mensuales, para su confirmación',
        monthly_schedule: 'la agencia podrá reservar exactamente estas líneas con los medios',
      },
      goesOnFromIt: 'la agencia continúa a partir de ella',
      confirmed: (next: string) =>
        `Esta versión queda confirmada tal como se muestra en esta página —líneas, tarifas y total— y ${next}.`,
      shownCaption: (lines: number) =>
        `Lo que usted confirma: ${lines} ${lines === 1 ? 'línea' : 'líneas'} de esta versión`,
      columns: ['Línea', 'Canal', 'Proveedor', 'Ubicación', 'Fechas', 'Unidades', 'Tarifa', 'Costo'],
      totalCost: 'Costo total',
      budget: 'Presupuesto de la campaña',
      flight: 'Periodo de la campaña',
      units: {
        spots: (n: string, one: boolean) => `${n} ${one ? 'spot' : 'spots'}`,
        insertions: (n: string, one: boolean) => `${n} ${one ? 'inserción' : 'inserciones'}`,
        impressions: (n: string, one: boolean) => `${n} ${one ? 'impresión' : 'impresiones'}`,
      },
      rate: {
        spots: (rate: string) => `${rate} por spot`,
        insertions: (rate: string) => `${rate} por inserción`,
        impressions: (rate: string) => `${rate} CPM (por 1000 impresiones)`,
      },
    },
    'zh-CN': {
      confirmLeadsTo: {
        recommendation: '公司将据此拟定媒介总体计划，供您确认',
        master_plan: '公司将据此拟定月度排期，供您确认',
        monthly_schedule: '公司可以按这些条目向媒体订位',
      },
      goesOnFromIt: '公司将据此继续推进',
      confirmed: (next: string) => `此版本按本页所示（条目、价格和总额）确认，${next}。`,
      shownCaption: (lines: number) => `您确认的内容：此版本的 ${lines} 个条目`,
      columns: ['条目', '渠道', '媒体供应商', '版位', '日期', '数量', '单价', '费用'],
      totalCost: '总费用',
      budget: '活动预算',
      flight: '投放期',
      units: {
        spots: (n: string, _one: boolean) => `${n} 次`,
        insertions: (n: string, _one: boolean) => `${n} 次刊登`,
        impressions: (n: string, _one: boolean) => `${n} 次曝光`,
      },
      rate: {
        spots: (rate: string) => `每次 ${rate}`,
        insertions: (rate: string) => `每次刊登 ${rate}`,
        impressions: (rate: string) => `${rate} CPM（每千次曝光）`,
      },
    },
  },
);

type KpiStatus = 'met' | 'close' | 'missed' | 'not_measured';

/** The email that hands out a post-campaign analysis, to the team and the client's media approvers, in each reader's language. */
export const reportEmailWords = catalogue(
  {
    subject: (campaign: string, client: string) => `Post-campaign analysis: ${campaign} (${client})`,
    greeting: (name: string) => `Hello ${name},`,
    intro: (campaign: string) =>
      `The post-campaign analysis of ${campaign} is ready: the report (HTML, with charts, to open in a browser and print) and its data (CSV). The links are yours alone: each click checks you may still see the campaign, then downloads the file.`,
    client: 'Client',
    campaign: 'Campaign',
    flight: 'Flight',
    billed: 'Billed',
    billedOf: (billed: string, budget: string) => `${billed} of a budget of ${budget}`,
    delivered: 'Delivered',
    kpi: (metric: string) => `KPI ${metric}`,
    ofTarget: (percent: string, status: string) => `${percent} of target (${status})`,
    kpiStatus: { met: 'met', close: 'close', missed: 'missed', not_measured: 'not measured' } as Record<
      KpiStatus,
      string
    >,
    worked: 'What worked',
    didNotWork: 'What did not',
    report: 'Report (HTML)',
    data: 'Data (CSV)',
    openReport: 'Open the report',
    downloadData: 'Download the data (CSV)',
    allReports: (url: string) => `All reports of the campaign, with fresh links: ${url}`,
  },
  {
    es: {
      subject: (campaign: string, client: string) => `Análisis poscampaña: ${campaign} (${client})`,
      greeting: (name: string) => `Hola, ${name}:`,
      intro: (campaign: string) =>
        `El análisis poscampaña de ${campaign} está listo: el informe (HTML, con gráficos, para abrir en un navegador e imprimir) y sus datos (CSV). Los enlaces son solo para usted: cada clic comprueba que aún puede ver la campaña y después descarga el archivo.`,
      client: 'Cliente',
      campaign: 'Campaña',
      flight: 'Periodo de la campaña',
      billed: 'Facturado',
      billedOf: (billed: string, budget: string) => `${billed} de un presupuesto de ${budget}`,
      delivered: 'Entregado',
      kpi: (metric: string) => `KPI ${metric}`,
      ofTarget: (percent: string, status: string) => `${percent} del objetivo (${status})`,
      kpiStatus: { met: 'cumplido', close: 'cerca', missed: 'no cumplido', not_measured: 'sin medir' },
      worked: 'Lo que funcionó',
      didNotWork: 'Lo que no funcionó',
      report: 'Informe (HTML)',
      data: 'Datos (CSV)',
      openReport: 'Abrir el informe',
      downloadData: 'Descargar los datos (CSV)',
      allReports: (url: string) => `Todos los informes de la campaña, con enlaces nuevos: ${url}`,
    },
    'zh-CN': {
      subject: (campaign: string, client: string) => `投放后分析：${campaign}（${client}）`,
      greeting: (name: string) => `${name}，您好：`,
      intro: (campaign: string) =>
        `${campaign} 的投放后分析已完成：报告（HTML，含图表，可在浏览器中打开并打印）及其数据（CSV）。链接仅供您本人使用：每次点击都会确认您仍可查看该活动，然后下载文件。`,
      client: '客户',
      campaign: '活动',
      flight: '投放期',
      billed: '已结算',
      billedOf: (billed: string, budget: string) => `${billed}（预算 ${budget}）`,
      delivered: '已执行',
      kpi: (metric: string) => `KPI ${metric}`,
      ofTarget: (percent: string, status: string) => `达成目标的 ${percent}（${status}）`,
      kpiStatus: { met: '已达成', close: '接近', missed: '未达成', not_measured: '未测量' },
      worked: '有效的做法',
      didNotWork: '效果不佳的做法',
      report: '报告（HTML）',
      data: '数据（CSV）',
      openReport: '打开报告',
      downloadData: '下载数据（CSV）',
      allReports: (url: string) => `该活动的所有报告（含新链接）：${url}`,
    },
  },
);

/** A plan version's document, as the client confirms it, in the client's language. */
export const planDocumentWords = catalogue(
  {
    kinds: {
      recommendation: 'Media recommendation',
      master_plan: 'Media master plan',
      monthly_schedule: 'Monthly media schedule',
    } as Record<PlanKind, string>,
    title: (plan: string, campaign: string, version: number) => `${plan} — ${campaign}, version ${version}`,
    intro: (agency: string, client: string, flight: string, budget: string, brief: number) =>
      `${agency} for ${client}. Flight ${flight}; budget ${budget}; answers brief version ${brief}.`,
    columns: ['Line', 'Channel', 'Vendor', 'Placement', 'Start', 'End', 'Units', 'Rate', 'Cost'],
    total: 'Total',
  },
  {
    es: {
      kinds: {
        recommendation: 'Recomendación de medios',
        master_plan: 'Plan maestro de medios',
        monthly_schedule: 'Pauta mensual de medios',
      },
      title: (plan: string, campaign: string, version: number) => `${plan} — ${campaign}, versión ${version}`,
      intro: (agency: string, client: string, flight: string, budget: string, brief: number) =>
        `${agency} para ${client}. Periodo ${flight}; presupuesto ${budget}; responde a la versión ${brief} del brief.`,
      columns: ['Línea', 'Canal', 'Proveedor', 'Ubicación', 'Inicio', 'Fin', 'Unidades', 'Tarifa', 'Costo'],
      total: 'Total',
    },
    'zh-CN': {
      kinds: { recommendation: '媒介建议', master_plan: '媒介总体计划', monthly_schedule: '月度媒介排期' },
      title: (plan: string, campaign: string, version: number) => `${plan} — ${campaign}，第 ${version} 版`,
      intro: (agency: string, client: string, flight: string, budget: string, brief: number) =>
        `${agency} 为 ${client} 制定。投放期 ${flight}；预算 ${budget}；依据第 ${brief} 版简报。`,
      columns: ['条目', '渠道', '媒体供应商', '版位', '开始', '结束', '数量', '单价', '费用'],
      total: '合计',
    },
  },
);
