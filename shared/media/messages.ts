import { catalogue } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';
import type { Channel, discrepancyTypes, KpiMetric, PlanKind, UnitType } from './schemas.js';

/**
 * What media writes for a client to read about a plan — what confirming a version leads to, the
 * plan's lines and totals on the approval page — in the reader's language.
 */
export const mediaWords = /* @__PURE__ */ catalogue(
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
export const reportEmailWords = /* @__PURE__ */ catalogue(
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
export const planDocumentWords = /* @__PURE__ */ catalogue(
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

type DiscrepancyType = (typeof discrepancyTypes)[number];

/**
 * The post-campaign analysis document (HTML and the CSV's header and findings), in its reader's
 * language: headings, captions, column names and the findings the numbers give. Numbers, money
 * and dates come formatted (by `Intl`, in the same language).
 */
export const postCampaignReportWords = /* @__PURE__ */ catalogue(
  {
    title: (campaign: string) => `Post-campaign analysis — ${campaign}`,
    intro: (agency: string, client: string, flight: string, budget: string) =>
      `${agency} for ${client}. Flight ${flight}; budget ${budget}.`,
    comparedWith: (plan: string, bookings: string, rows: string) =>
      `Compared with: ${plan}; ${bookings}; ${rows}.`,
    planRef: (title: string, version: number, confirmed: boolean) =>
      `${title}, version ${version} (${confirmed ? 'confirmed by the client' : 'latest, not confirmed'})`,
    noPlan: 'no master plan',
    bookings: (active: number, cancelled: number) =>
      `${active} booking(s)${cancelled ? `, ${cancelled} cancelled` : ''}`,
    monitoringRows: (rows: string) => `${rows} monitoring row(s)`,
    generated: (at: string, reportId: string) => `Generated ${at} (report ${reportId}).`,
    summary: 'Summary',
    worked: 'What worked',
    didNotWork: 'What did not',
    nothingStandsOut: 'Nothing stands out.',
    totalsHeading: 'Planned, booked, delivered and billed',
    totalsColumns: ['Total', 'Planned', 'Booked', 'Delivered', 'Billed', 'Billed of budget'],
    byChannelChart: (currency: string) => `Planned, booked, delivered and billed by channel (${currency})`,
    series: {
      planned: 'Planned',
      booked: 'Booked',
      delivered: 'Delivered',
      deliveredValue: 'Delivered (value)',
      billed: 'Billed',
      linearPlan: 'Linear plan',
    },
    byChannel: 'By channel',
    byVendor: 'By vendor',
    byLine: 'By line (vendor and placement)',
    figureLabels: { channel: 'Channel', vendor: 'Vendor', line: 'Line' },
    unitColumns: ['Planned units', 'Booked units', 'Delivered units', 'Delivery', 'Outside booked dates'],
    figureColumns: [
      'Planned',
      'Booked',
      'Delivered',
      'Billed',
      'Planned impr.',
      'Delivered impr.',
      'Clicks',
      'CPM (billed)',
    ],
    lineStatus: {
      notBooked: 'not booked',
      bookedNotPlanned: 'booked, not in the plan',
      notPlanned: 'not planned',
    },
    otherUnplanned: '(other unplanned placements)',
    channels: {
      tv: 'TV',
      radio: 'Radio',
      print: 'Print',
      outdoor: 'Outdoor',
      online: 'Online',
      social: 'Social',
      cinema: 'Cinema',
      other: 'Other',
    } as Record<Channel, string>,
    againstBookings: 'Delivery against bookings',
    againstBookingsNote:
      'Each booked line: delivery counts only rows of its vendor and placement dated within the line — the same rule as the discrepancies below. Rows dated outside it are listed, not counted.',
    noLiveBookings: 'No live bookings.',
    bookingColumns: ['Booking line', 'Dates', 'Booked', 'Delivered', 'Delivery', 'Outside booked dates'],
    bookingRef: (lineId: string, booking: string) => `${lineId}, booking …${booking}`,
    kpisHeading: 'KPIs against targets',
    kpiChart: 'Delivered, in percent of the KPI target',
    ofTargetMark: '100% of target',
    kpiColumns: ['KPI', 'Target', 'Planned', 'Delivered', 'Of target', 'Result'],
    kpiNames: {
      impressions: 'impressions',
      reach: 'reach',
      grps: 'GRPs',
      clicks: 'clicks',
      views: 'views',
      conversions: 'conversions',
    } as Record<KpiMetric, string>,
    kpiStatus: { met: 'met', close: 'close', missed: 'missed', not_measured: 'not measured' } as Record<
      KpiStatus,
      string
    >,
    noKpis: 'The campaign has no KPIs.',
    reachNote:
      'Reach is the sum of the audience the monitoring rows report (gross, not de-duplicated); GRPs, views and conversions are not in the monitoring data.',
    pacingHeading: 'Delivery pacing',
    costPacingChart: (currency: string) => `Cumulative cost over the flight (${currency})`,
    impressionsPacingChart: 'Cumulative impressions over the flight',
    outsideFlightNote: (rows: string, billed: string) =>
      `${rows} row(s) dated outside the flight (billed ${billed}) are in the totals but not in the pacing.`,
    discrepanciesHeading: 'Discrepancies and makegoods',
    discrepancyCounts: (count: number, open: number, resolved: number, withMakegood: number, units: string) =>
      `${count} discrepanc${count === 1 ? 'y' : 'ies'}: ${open} open, ${resolved} resolved, ${withMakegood} with a makegood (${units} units).`,
    discrepancyColumns: ['Type', 'Line', 'Expected', 'Actual', 'Status', 'Makegood', 'Detail'],
    discrepancyTypes: {
      under_delivery: 'under delivery',
      missed_spots: 'missed spots',
      wrong_dates: 'wrong dates',
      unbooked_delivery: 'unbooked delivery',
    } as Record<DiscrepancyType, string>,
    discrepancyStatus: { open: 'open', resolved: 'resolved' } as Record<'open' | 'resolved', string>,
    makegood: (units: string, date: string | undefined, note: string | undefined) =>
      `${units} units${date ? ` on ${date}` : ''}${note ? ` — ${note}` : ''}`,
    footnote:
      'Delivered is the value of the units delivered at the booked unit price (else the planned one); rows dated outside their booked line are never delivery. Billed is the cost the monitoring rows state, all rows included. CPM: billed cost per thousand delivered impressions, over lines bought per thousand impressions only. Units add up only within one unit (spots, insertions, impressions).',
    csvHeader: ['section', 'subject', 'channel', 'vendor', 'placement', 'date', 'metric', 'value'],
    findings: {
      noMonitoringData: 'No monitoring data was imported: delivery and billing could not be assessed.',
      kpi: (metric: string, actual: string, target: string, percent: string) =>
        `KPI ${metric}: ${actual} delivered against a target of ${target} (${percent}).`,
      channelImpressions: (channel: string, percent: string, met: boolean) =>
        `${channel} delivered ${met ? '' : 'only '}${percent} of its planned impressions.`,
      channelValue: (channel: string, percent: string, met: boolean) =>
        `${channel} delivered ${met ? '' : 'only '}${percent} of what was booked (by value).`,
      bestChannelCpm: (channel: string, cpm: string) =>
        `Best cost per thousand impressions: ${channel} at ${cpm}.`,
      worstChannelCpm: (channel: string, cpm: string) =>
        `Highest cost per thousand impressions: ${channel} at ${cpm}.`,
      bestVendorCpm: (vendor: string, cpm: string) =>
        `Best vendor per thousand impressions: ${vendor} at ${cpm}.`,
      overBudget: (billed: string, over: string, budget: string) =>
        `Billed ${billed}: ${over} over the budget of ${budget}.`,
      withinBudget: (billed: string, percent: string) => `Billed ${billed}, ${percent} of the budget.`,
      billedOverDelivered: (delivered: string, excess: string) =>
        `Billed exceeds the value delivered (${delivered}) by ${excess}: check the invoices.`,
      behindPlan: (day: string, percent: string) =>
        `Delivery ran behind plan: at mid-flight (${day}) ${percent} of the planned impressions.`,
      keptPace: (percent: string) =>
        `Delivery kept pace: at mid-flight ${percent} of the planned impressions.`,
      aheadOfPlan: (percent: string) =>
        `Delivery ran ahead of plan: at mid-flight ${percent} of the planned impressions.`,
      unplanned: (placements: string, billed: string) =>
        `${placements} placement(s) delivered outside the plan and the bookings, billed ${billed}.`,
      wrongDates: (rows: string, units: string, billed: string) =>
        `${rows} monitoring row(s) (${units} units) aired outside their booked dates: not counted as delivery, billed ${billed}.`,
      outsideFlight: (rows: string, billed: string) =>
        `${rows} monitoring row(s) are dated outside the flight (billed ${billed}).`,
      openDiscrepancies: (count: number) =>
        `${count} discrepanc${count === 1 ? 'y is' : 'ies are'} still open.`,
      madeGood: (count: number, units: string) =>
        `${count} discrepanc${count === 1 ? 'y was' : 'ies were'} made good (${units} units).`,
    },
  },
  {
    es: {
      title: (campaign: string) => `Análisis poscampaña — ${campaign}`,
      intro: (agency: string, client: string, flight: string, budget: string) =>
        `${agency} para ${client}. Periodo ${flight}; presupuesto ${budget}.`,
      comparedWith: (plan: string, bookings: string, rows: string) =>
        `Comparado con: ${plan}; ${bookings}; ${rows}.`,
      planRef: (title: string, version: number, confirmed: boolean) =>
        `${title}, versión ${version} (${confirmed ? 'confirmada por el cliente' : 'la última, sin confirmar'})`,
      noPlan: 'sin plan maestro',
      bookings: (active: number, cancelled: number) =>
        `${active} ${active === 1 ? 'reserva' : 'reservas'}${cancelled ? `, ${cancelled} ${cancelled === 1 ? 'cancelada' : 'canceladas'}` : ''}`,
      monitoringRows: (rows: string) => `${rows} filas de monitoreo`,
      generated: (at: string, reportId: string) => `Generado el ${at} (informe ${reportId}).`,
      summary: 'Resumen',
      worked: 'Lo que funcionó',
      didNotWork: 'Lo que no funcionó',
      nothingStandsOut: 'Nada que destacar.',
      totalsHeading: 'Planificado, reservado, entregado y facturado',
      totalsColumns: [
        'Total',
        'Planificado',
        'Reservado',
        'Entregado',
        'Facturado',
        'Facturado del presupuesto',
      ],
      byChannelChart: (currency: string) =>
        `Planificado, reservado, entregado y facturado por canal (${currency})`,
      series: {
        planned: 'Planificado',
        booked: 'Reservado',
        delivered: 'Entregado',
        deliveredValue: 'Entregado (valor)',
        billed: 'Facturado',
        linearPlan: 'Plan lineal',
      },
      byChannel: 'Por canal',
      byVendor: 'Por proveedor',
      byLine: 'Por línea (proveedor y ubicación)',
      figureLabels: { channel: 'Canal', vendor: 'Proveedor', line: 'Línea' },
      unitColumns: [
        'Unidades planificadas',
        'Unidades reservadas',
        'Unidades entregadas',
        'Entrega',
        'Fuera de las fechas reservadas',
      ],
      figureColumns: [
        'Planificado',
        'Reservado',
        'Entregado',
        'Facturado',
        'Impr. planificadas',
        'Impr. entregadas',
        'Clics',
        'CPM (facturado)',
      ],
      lineStatus: {
        notBooked: 'sin reservar',
        bookedNotPlanned: 'reservada, fuera del plan',
        notPlanned: 'no planificada',
      },
      otherUnplanned: '(otras ubicaciones no planificadas)',
      channels: {
        tv: 'TV',
        radio: 'Radio',
        print: 'Prensa',
        outdoor: 'Exterior',
        online: 'Online',
        social: 'Redes sociales',
        cinema: 'Cine',
        other: 'Otros',
      },
      againstBookings: 'Entrega frente a las reservas',
      againstBookingsNote:
        'Cada línea reservada: la entrega cuenta solo las filas de su proveedor y ubicación con fecha dentro de la línea, la misma regla que las discrepancias de abajo. Las filas con fecha fuera de ella se indican, no se cuentan.',
      noLiveBookings: 'No hay reservas vigentes.',
      bookingColumns: [
        'Línea reservada',
        'Fechas',
        'Reservado',
        'Entregado',
        'Entrega',
        'Fuera de las fechas reservadas',
      ],
      bookingRef: (lineId: string, booking: string) => `${lineId}, reserva …${booking}`,
      kpisHeading: 'KPI frente a los objetivos',
      kpiChart: 'Entregado, en porcentaje del objetivo del KPI',
      ofTargetMark: '100 % del objetivo',
      kpiColumns: ['KPI', 'Objetivo', 'Planificado', 'Entregado', 'Del objetivo', 'Resultado'],
      kpiNames: {
        impressions: 'impresiones',
        reach: 'alcance',
        grps: 'GRP',
        clicks: 'clics',
        views: 'visualizaciones',
        conversions: 'conversiones',
      },
      kpiStatus: { met: 'cumplido', close: 'cerca', missed: 'no cumplido', not_measured: 'sin medir' },
      noKpis: 'La campaña no tiene KPI.',
      reachNote:
        'El alcance es la suma de la audiencia que indican las filas de monitoreo (bruto, sin deduplicar); los GRP, las visualizaciones y las conversiones no están en los datos de monitoreo.',
      pacingHeading: 'Ritmo de entrega',
      costPacingChart: (currency: string) => `Costo acumulado durante la campaña (${currency})`,
      impressionsPacingChart: 'Impresiones acumuladas durante la campaña',
      outsideFlightNote: (rows: string, billed: string) =>
        `${rows} filas con fecha fuera del periodo de la campaña (facturado ${billed}) están en los totales pero no en el ritmo de entrega.`,
      discrepanciesHeading: 'Discrepancias y compensaciones',
      discrepancyCounts: (
        count: number,
        open: number,
        resolved: number,
        withMakegood: number,
        units: string,
      ) =>
        `${count} ${count === 1 ? 'discrepancia' : 'discrepancias'}: ${open} abiertas, ${resolved} resueltas, ${withMakegood} con compensación (${units} unidades).`,
      discrepancyColumns: ['Tipo', 'Línea', 'Esperado', 'Real', 'Estado', 'Compensación', 'Detalle'],
      discrepancyTypes: {
        under_delivery: 'entrega insuficiente',
        missed_spots: 'spots no emitidos',
        wrong_dates: 'fechas incorrectas',
        unbooked_delivery: 'entrega no reservada',
      },
      discrepancyStatus: { open: 'abierta', resolved: 'resuelta' },
      makegood: (units: string, date: string | undefined, note: string | undefined) =>
        `${units} unidades${date ? ` el ${date}` : ''}${note ? ` — ${note}` : ''}`,
      footnote:
        'Entregado es el valor de las unidades entregadas al precio unitario reservado (si no, al planificado); las filas con fecha fuera de su línea reservada nunca son entrega. Facturado es el costo que indican las filas de monitoreo, todas incluidas. CPM: costo facturado por mil impresiones entregadas, solo sobre las líneas compradas por mil impresiones. Las unidades solo se suman dentro de una misma unidad (spots, inserciones, impresiones).',
      csvHeader: ['sección', 'asunto', 'canal', 'proveedor', 'ubicación', 'fecha', 'métrica', 'valor'],
      findings: {
        noMonitoringData:
          'No se importaron datos de monitoreo: no se pudo evaluar la entrega ni la facturación.',
        kpi: (metric: string, actual: string, target: string, percent: string) =>
          `KPI ${metric}: ${actual} entregados frente a un objetivo de ${target} (${percent}).`,
        channelImpressions: (channel: string, percent: string, met: boolean) =>
          `${channel} entregó ${met ? '' : 'solo '}el ${percent} de sus impresiones planificadas.`,
        channelValue: (channel: string, percent: string, met: boolean) =>
          `${channel} entregó ${met ? '' : 'solo '}el ${percent} de lo reservado (por valor).`,
        bestChannelCpm: (channel: string, cpm: string) =>
          `Mejor costo por mil impresiones: ${channel}, a ${cpm}.`,
        worstChannelCpm: (channel: string, cpm: string) =>
          `Costo por mil impresiones más alto: ${channel}, a ${cpm}.`,
        bestVendorCpm: (vendor: string, cpm: string) =>
          `Mejor proveedor por mil impresiones: ${vendor}, a ${cpm}.`,
        overBudget: (billed: string, over: string, budget: string) =>
          `Facturado ${billed}: un ${over} por encima del presupuesto de ${budget}.`,
        withinBudget: (billed: string, percent: string) =>
          `Facturado ${billed}, el ${percent} del presupuesto.`,
        billedOverDelivered: (delivered: string, excess: string) =>
          `Lo facturado supera el valor entregado (${delivered}) en ${excess}: revise las facturas.`,
        behindPlan: (day: string, percent: string) =>
          `La entrega fue por detrás del plan: a mitad de campaña (${day}), el ${percent} de las impresiones planificadas.`,
        keptPace: (percent: string) =>
          `La entrega mantuvo el ritmo: a mitad de campaña, el ${percent} de las impresiones planificadas.`,
        aheadOfPlan: (percent: string) =>
          `La entrega fue por delante del plan: a mitad de campaña, el ${percent} de las impresiones planificadas.`,
        unplanned: (placements: string, billed: string) =>
          `${placements} ubicaciones entregaron fuera del plan y de las reservas, facturado ${billed}.`,
        wrongDates: (rows: string, units: string, billed: string) =>
          `${rows} filas de monitoreo (${units} unidades) se emitieron fuera de sus fechas reservadas: no cuentan como entrega, facturado ${billed}.`,
        outsideFlight: (rows: string, billed: string) =>
          `${rows} filas de monitoreo tienen fecha fuera del periodo de la campaña (facturado ${billed}).`,
        openDiscrepancies: (count: number) =>
          `${count} ${count === 1 ? 'discrepancia sigue abierta' : 'discrepancias siguen abiertas'}.`,
        madeGood: (count: number, units: string) =>
          `${count} ${count === 1 ? 'discrepancia fue compensada' : 'discrepancias fueron compensadas'} (${units} unidades).`,
      },
    },
    'zh-CN': {
      title: (campaign: string) => `投放后分析 — ${campaign}`,
      intro: (agency: string, client: string, flight: string, budget: string) =>
        `${agency} 为 ${client} 制作。投放期 ${flight}；预算 ${budget}。`,
      comparedWith: (plan: string, bookings: string, rows: string) => `对照：${plan}；${bookings}；${rows}。`,
      planRef: (title: string, version: number, confirmed: boolean) =>
        `${title}，第 ${version} 版（${confirmed ? '客户已确认' : '最新版本，未确认'}）`,
      noPlan: '无媒介总体计划',
      bookings: (active: number, cancelled: number) =>
        `${active} 个订位${cancelled ? `，${cancelled} 个已取消` : ''}`,
      monitoringRows: (rows: string) => `${rows} 行监测数据`,
      generated: (at: string, reportId: string) => `生成于 ${at}（报告 ${reportId}）。`,
      summary: '摘要',
      worked: '有效的做法',
      didNotWork: '效果不佳的做法',
      nothingStandsOut: '无突出事项。',
      totalsHeading: '计划、订位、执行与结算',
      totalsColumns: ['合计', '计划', '订位', '执行', '结算', '结算占预算'],
      byChannelChart: (currency: string) => `各渠道的计划、订位、执行与结算（${currency}）`,
      series: {
        planned: '计划',
        booked: '订位',
        delivered: '执行',
        deliveredValue: '执行（价值）',
        billed: '结算',
        linearPlan: '线性计划',
      },
      byChannel: '按渠道',
      byVendor: '按媒体供应商',
      byLine: '按条目（媒体供应商与版位）',
      figureLabels: { channel: '渠道', vendor: '媒体供应商', line: '条目' },
      unitColumns: ['计划数量', '订位数量', '执行数量', '执行率', '订位日期之外'],
      figureColumns: ['计划', '订位', '执行', '结算', '计划曝光', '执行曝光', '点击', 'CPM（结算）'],
      lineStatus: { notBooked: '未订位', bookedNotPlanned: '已订位，不在计划内', notPlanned: '未计划' },
      otherUnplanned: '（其他未计划的版位）',
      channels: {
        tv: '电视',
        radio: '广播',
        print: '平面',
        outdoor: '户外',
        online: '网络',
        social: '社交媒体',
        cinema: '影院',
        other: '其他',
      },
      againstBookings: '订位执行情况',
      againstBookingsNote:
        '每个订位条目：执行只计入该媒体供应商与版位、日期在条目之内的数据行——与下方差异采用同一规则。日期在条目之外的数据行仅列出，不计入。',
      noLiveBookings: '没有有效的订位。',
      bookingColumns: ['订位条目', '日期', '订位', '执行', '执行率', '订位日期之外'],
      bookingRef: (lineId: string, booking: string) => `${lineId}，订位 …${booking}`,
      kpisHeading: 'KPI 与目标对比',
      kpiChart: '执行量占 KPI 目标的百分比',
      ofTargetMark: '目标的 100%',
      kpiColumns: ['KPI', '目标', '计划', '执行', '占目标', '结果'],
      kpiNames: {
        impressions: '曝光',
        reach: '到达',
        grps: '毛评点',
        clicks: '点击',
        views: '观看',
        conversions: '转化',
      },
      kpiStatus: { met: '已达成', close: '接近', missed: '未达成', not_measured: '未测量' },
      noKpis: '该活动没有 KPI。',
      reachNote: '到达为监测数据行所报受众之和（毛到达，未去重）；毛评点、观看和转化不在监测数据中。',
      pacingHeading: '执行进度',
      costPacingChart: (currency: string) => `投放期内累计费用（${currency}）`,
      impressionsPacingChart: '投放期内累计曝光',
      outsideFlightNote: (rows: string, billed: string) =>
        `${rows} 行数据的日期在投放期之外（结算 ${billed}）：计入合计，不计入执行进度。`,
      discrepanciesHeading: '差异与补播',
      discrepancyCounts: (
        count: number,
        open: number,
        resolved: number,
        withMakegood: number,
        units: string,
      ) =>
        `${count} 项差异：${open} 项未解决，${resolved} 项已解决，${withMakegood} 项已补播（${units} 个单位）。`,
      discrepancyColumns: ['类型', '条目', '预期', '实际', '状态', '补播', '详情'],
      discrepancyTypes: {
        under_delivery: '执行不足',
        missed_spots: '漏播',
        wrong_dates: '日期错误',
        unbooked_delivery: '未订位的执行',
      },
      discrepancyStatus: { open: '未解决', resolved: '已解决' },
      makegood: (units: string, date: string | undefined, note: string | undefined) =>
        `${units} 个单位${date ? `，${date}` : ''}${note ? ` — ${note}` : ''}`,
      footnote:
        '执行为按订位单价（否则按计划单价）计算的已执行单位价值；日期在订位条目之外的数据行从不计为执行。结算为监测数据行所列费用，包括所有数据行。CPM：每千次执行曝光的结算费用，仅计按千次曝光购买的条目。数量只在同一单位内相加（次、刊登、曝光）。',
      csvHeader: ['部分', '对象', '渠道', '媒体供应商', '版位', '日期', '指标', '数值'],
      findings: {
        noMonitoringData: '未导入监测数据：无法评估执行与结算。',
        kpi: (metric: string, actual: string, target: string, percent: string) =>
          `KPI ${metric}：执行 ${actual}，目标 ${target}（${percent}）。`,
        channelImpressions: (channel: string, percent: string, met: boolean) =>
          `${channel}${met ? '' : '仅'}完成计划曝光的 ${percent}。`,
        channelValue: (channel: string, percent: string, met: boolean) =>
          `${channel}${met ? '' : '仅'}完成订位价值的 ${percent}。`,
        bestChannelCpm: (channel: string, cpm: string) => `千次曝光成本最低：${channel}，${cpm}。`,
        worstChannelCpm: (channel: string, cpm: string) => `千次曝光成本最高：${channel}，${cpm}。`,
        bestVendorCpm: (vendor: string, cpm: string) => `千次曝光成本最低的媒体供应商：${vendor}，${cpm}。`,
        overBudget: (billed: string, over: string, budget: string) =>
          `结算 ${billed}：超出预算 ${budget} 的 ${over}。`,
        withinBudget: (billed: string, percent: string) => `结算 ${billed}，占预算的 ${percent}。`,
        billedOverDelivered: (delivered: string, excess: string) =>
          `结算超出执行价值（${delivered}）${excess}：请核对发票。`,
        behindPlan: (day: string, percent: string) =>
          `执行落后于计划：投放期中点（${day}）完成计划曝光的 ${percent}。`,
        keptPace: (percent: string) => `执行与计划同步：投放期中点完成计划曝光的 ${percent}。`,
        aheadOfPlan: (percent: string) => `执行快于计划：投放期中点完成计划曝光的 ${percent}。`,
        unplanned: (placements: string, billed: string) =>
          `${placements} 个版位在计划和订位之外执行，结算 ${billed}。`,
        wrongDates: (rows: string, units: string, billed: string) =>
          `${rows} 行监测数据（${units} 个单位）在订位日期之外播出：不计为执行，结算 ${billed}。`,
        outsideFlight: (rows: string, billed: string) =>
          `${rows} 行监测数据的日期在投放期之外（结算 ${billed}）。`,
        openDiscrepancies: (count: number) => `${count} 项差异仍未解决。`,
        madeGood: (count: number, units: string) => `${count} 项差异已补播（${units} 个单位）。`,
      },
    },
  },
);

interface DetailWords {
  /** Where: the vendor and placement, and (when it has one) the booked line's dates. */
  vendor: string;
  placement: string;
  line: string;
}

/**
 * A discrepancy's detail as its reader reads it (the console, the API, the post-campaign report):
 * from its type (the code) and its stored facts; numbers come formatted in the reader's language,
 * dates as the monitoring rows and the line state them (ISO days).
 */
export const discrepancyDetailWords = /* @__PURE__ */ catalogue(
  {
    missed_spots: (w: DetailWords, missed: string, aired: string, booked: string) =>
      `${w.vendor} — ${w.placement} (${w.line}): ${missed} missed, ${aired} of ${booked} aired.`,
    under_delivery: (w: DetailWords, got: string, booked: string, short: string, percent: string) =>
      `${w.vendor} — ${w.placement} (${w.line}): ${got} of ${booked} delivered, ${short} short (${percent}).`,
    wrong_dates: (w: DetailWords, units: string, rows: string, dated: string) =>
      `${w.vendor} — ${w.placement}: ${units} in ${rows} dated ${dated}, outside the line's ${w.line}.`,
    unbooked_delivery: (w: DetailWords, units: string, rows: string, dated: string) =>
      `${w.vendor} — ${w.placement}: ${units} in ${rows} (${dated}) match no booking.`,
    rows: (n: string, one: boolean) => `${n} ${one ? 'row' : 'rows'}`,
    units: (n: string, one: boolean) => `${n} ${one ? 'unit' : 'units'}`,
  },
  {
    es: {
      missed_spots: (w: DetailWords, missed: string, aired: string, booked: string) =>
        `${w.vendor} — ${w.placement} (${w.line}): ${missed} sin emitir; emitidos ${aired} de ${booked}.`,
      under_delivery: (w: DetailWords, got: string, booked: string, short: string, percent: string) =>
        `${w.vendor} — ${w.placement} (${w.line}): entregado ${got} de ${booked}; faltan ${short} (${percent}).`,
      wrong_dates: (w: DetailWords, units: string, rows: string, dated: string) =>
        `${w.vendor} — ${w.placement}: ${units} en ${rows} con fecha ${dated}, fuera de las fechas de la línea (${w.line}).`,
      unbooked_delivery: (w: DetailWords, units: string, rows: string, dated: string) =>
        `${w.vendor} — ${w.placement}: ${units} en ${rows} (${dated}) no corresponden a ninguna reserva.`,
      rows: (n: string, one: boolean) => `${n} ${one ? 'fila' : 'filas'}`,
      units: (n: string, one: boolean) => `${n} ${one ? 'unidad' : 'unidades'}`,
    },
    'zh-CN': {
      missed_spots: (w: DetailWords, missed: string, aired: string, booked: string) =>
        `${w.vendor} — ${w.placement}（${w.line}）：漏播 ${missed}，已播 ${aired}/${booked}。`,
      under_delivery: (w: DetailWords, got: string, booked: string, short: string, percent: string) =>
        `${w.vendor} — ${w.placement}（${w.line}）：已交付 ${got}/${booked}，短缺 ${short}（${percent}）。`,
      wrong_dates: (w: DetailWords, units: string, rows: string, dated: string) =>
        `${w.vendor} — ${w.placement}：${rows}中的 ${units} 日期为 ${dated}，不在该行的投放日期（${w.line}）之内。`,
      unbooked_delivery: (w: DetailWords, units: string, rows: string, dated: string) =>
        `${w.vendor} — ${w.placement}：${rows}中的 ${units}（${dated}）不对应任何预订。`,
      rows: (n: string, _one: boolean) => `${n} 行`,
      units: (n: string, _one: boolean) => `${n} 个单位`,
    },
  },
);

/**
 * The page a document link in an email opens when it opens no file (`GET /documents/{token}`): why
 * the reader may no longer open it, and the page's own words, in the language the reader's browser
 * asks for.
 */
export const documentLinkWords = /* @__PURE__ */ catalogue(
  {
    refused: {
      staffOffTeam:
        'This link was sent to a member of the account team who no longer works on this client. Ask the account team for the file.',
      contactInactive:
        'This link was sent to a client contact who is no longer active. Ask the account team for the file.',
      bookingCancelled:
        'This order was cancelled: the insertion order no longer stands. The agency’s buyer will be in touch.',
      insertionOrderReplaced:
        'This insertion order has been replaced; use the link in the latest email from the agency.',
      purchaseOrderCancelled:
        'This purchase order was cancelled and no longer stands. The agency will be in touch.',
      purchaseOrderReplaced:
        'This purchase order has been replaced; use the link in the latest email from the agency.',
      headOfAccountsOnly:
        'This report was sent to the head of account services; the link no longer opens it for this account.',
      reportingLineOnly:
        'This report is for the reporting line of the person it is about; the link no longer opens it for this account.',
    },
    refusedTitle: 'This link no longer opens the file',
    invalidTitle: 'This link is not valid or has expired',
    invalid: 'Links to files in our emails work for a limited time. Ask the agency for a fresh one.',
    notAcceptedTitle: 'Not accepted',
    tooManyTitle: 'Too many attempts',
    failedTitle: 'Something went wrong',
    failed: 'Please try the link again in a moment.',
  },
  {
    es: {
      refused: {
        staffOffTeam:
          'Este enlace se envió a un miembro del equipo de cuenta que ya no trabaja con este cliente. Pida el archivo al equipo de cuenta.',
        contactInactive:
          'Este enlace se envió a un contacto del cliente que ya no está activo. Pida el archivo al equipo de cuenta.',
        bookingCancelled:
          'Esta reserva se canceló: la orden de inserción ya no es válida. El comprador de medios de la agencia se pondrá en contacto con usted.',
        insertionOrderReplaced:
          'Esta orden de inserción se sustituyó por otra; use el enlace del último correo de la agencia.',
        purchaseOrderCancelled:
          'Esta orden de compra se canceló y ya no es válida. La agencia se pondrá en contacto con usted.',
        purchaseOrderReplaced:
          'Esta orden de compra se sustituyó por otra; use el enlace del último correo de la agencia.',
        headOfAccountsOnly:
          'Este informe se envió al director general de cuentas; el enlace ya no lo abre para esta cuenta.',
        reportingLineOnly:
          'Este informe es para la línea jerárquica de la persona de la que trata; el enlace ya no lo abre para esta cuenta.',
      },
      refusedTitle: 'Este enlace ya no abre el archivo',
      invalidTitle: 'Este enlace no es válido o ha caducado',
      invalid:
        'Los enlaces a archivos de nuestros correos funcionan durante un tiempo limitado. Pida uno nuevo a la agencia.',
      notAcceptedTitle: 'No aceptado',
      tooManyTitle: 'Demasiados intentos',
      failedTitle: 'Algo falló',
      failed: 'Vuelva a probar el enlace en un momento.',
    },
    'zh-CN': {
      refused: {
        staffOffTeam: '此链接发给了一位已不再负责此客户的客户小组成员。请向客户小组索取文件。',
        contactInactive: '此链接发给了一位已不在职的客户联系人。请向客户小组索取文件。',
        bookingCancelled: '此订位已取消：插播单不再有效。广告公司的媒介采购会与您联系。',
        insertionOrderReplaced: '此插播单已被替换；请使用广告公司最新邮件中的链接。',
        purchaseOrderCancelled: '此采购订单已取消，不再有效。广告公司会与您联系。',
        purchaseOrderReplaced: '此采购订单已被替换；请使用广告公司最新邮件中的链接。',
        headOfAccountsOnly: '此报告是发给客户服务部部长的；该链接已不能为此账户打开。',
        reportingLineOnly: '此报告只供当事人汇报关系上的人查看；该链接已不能为此账户打开。',
      },
      refusedTitle: '此链接已不能打开文件',
      invalidTitle: '此链接无效或已过期',
      invalid: '我们邮件中的文件链接只在有限时间内有效。请向广告公司索取新的链接。',
      notAcceptedTitle: '未被接受',
      tooManyTitle: '尝试次数过多',
      failedTitle: '出了点问题',
      failed: '请稍后再试一次此链接。',
    },
  },
);

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const mediaRefusalWords: RefusalWords = {
  es: {
    no_brief: 'Redacte primero el brief de medios.',
    prerequisite_not_confirmed: 'El cliente aún no ha confirmado la etapa anterior del plan de medios.',
    plan_version_not_confirmed: 'El cliente no ha confirmado esta versión de la pauta: no se puede reservar.',
    plan_version_superseded:
      'Existe una versión más reciente de esta pauta: reserve desde la última versión confirmada.',
    line_already_booked: 'Una de estas líneas ya está reservada.',
    mixed_vendors: 'Una reserva es para un solo proveedor: elija líneas del mismo proveedor.',
    booking_cancelled: 'Esta reserva fue cancelada.',
    vendor_not_registered:
      'Ese proveedor no está en el registro de proveedores: las reservas solo van a proveedores registrados y aprobados. Pida que se proponga y apruebe, o indique el proveedor registrado.',
    already_confirmed: 'El cliente ya confirmó esta versión.',
    // Media: plans, bookings, materials, monitoring, discrepancies, reports.
    month_outside_flight: 'Ese mes no forma parte del periodo de la campaña.',
    line_outside_period: 'Una línea cae fuera de las fechas de la campaña o del mes de la pauta.',
    not_a_monthly_schedule: 'Las reservas salen de pautas mensuales, y esta no lo es.',
    no_vendor_contact:
      'Esta reserva no indica un contacto de reservas del proveedor, así que no hay a quién enviar la orden de inserción.',
    deadline_passed: 'El plazo de entrega ya pasó.',
    material_already_linked: 'Esta solicitud ya tiene un material vinculado.',
    draft_of_other_client:
      'El borrador es de otro cliente: el material de una reserva sale de los borradores de su propio cliente.',
    unknown_draft_version: 'Ese borrador no tiene esa versión.',
    draft_version_not_released:
      'Esa versión del borrador no ha pasado la aprobación del arte final (no está liberada a producción).',
    spec_check_not_passed:
      'Esa versión no tiene un archivo aceptado que haya pasado el control de especificaciones.',
    material_size_mismatch: 'El tamaño de esa versión no es el que necesita el proveedor.',
    material_duration_mismatch: 'La duración de esa versión no es la que necesita el proveedor.',
    monitoring_file_unusable:
      'El archivo no se puede importar (es demasiado grande o no tiene un encabezado válido): sustitúyalo por otro.',
    import_not_failed: 'Solo una importación fallida se reintenta o se sustituye.',
    import_replaced: 'Esta importación ya se sustituyó por otra: trabaje con esa.',
    already_resolved: 'Esta discrepancia ya se resolvió con una compensación.',
    chain_not_failed: 'El trabajo de medios de esta campaña no se ha detenido: no hay nada que reanudar.',
    wait_moved_on: 'Mientras tanto empezó una nueva espera.',
    report_in_progress:
      'El análisis poscampaña de esta campaña se está preparando ahora; aparecerá pronto en la lista de informes.',
  },
  'zh-CN': {
    no_brief: '请先撰写媒介简报。',
    prerequisite_not_confirmed: '客户尚未确认媒介计划的上一阶段。',
    plan_version_not_confirmed: '客户尚未确认此版排期：不能订位。',
    plan_version_superseded: '此排期已有更新版本：请从已确认的最新版本订位。',
    line_already_booked: '其中一条已经订位。',
    mixed_vendors: '一次订位只针对一个媒体供应商：请选择同一供应商的条目。',
    booking_cancelled: '此订位已取消。',
    vendor_not_registered:
      '该供应商不在供应商名录中：订位只能发给已登记并获批准的供应商。请先提名并批准该供应商，或指定已登记的供应商。',
    already_confirmed: '客户已确认此版本。',
    // Media: plans, bookings, materials, monitoring, discrepancies, reports.
    month_outside_flight: '该月份不在投放期内。',
    line_outside_period: '某个条目的日期超出了投放期或该排期的月份。',
    not_a_monthly_schedule: '订位须来自月度排期，这不是月度排期。',
    no_vendor_contact: '此订位没有指定供应商的订单联系人，插播单无人可发。',
    deadline_passed: '交付截止日期已过。',
    material_already_linked: '此素材要求已关联素材。',
    draft_of_other_client: '该草稿属于另一个客户：订位的素材须来自本客户的草稿。',
    unknown_draft_version: '该草稿没有这个版本。',
    draft_version_not_released: '该草稿版本尚未通过最终稿审批（未交付制作）。',
    spec_check_not_passed: '该版本没有通过规格检查的已接受文件。',
    material_size_mismatch: '该版本的尺寸与供应商的要求不符。',
    material_duration_mismatch: '该版本的时长与供应商的要求不符。',
    monitoring_file_unusable: '该文件无法导入（文件过大或缺少可用的表头）：请替换文件。',
    import_not_failed: '只有失败的导入才能重试或替换。',
    import_replaced: '此导入已被另一次导入替换：请使用那一次。',
    already_resolved: '此差异已通过补播解决。',
    chain_not_failed: '此活动的媒介工作流程并未中断：无需重新开始。',
    wait_moved_on: '在此期间已开始新的等待。',
    report_in_progress: '此活动的投放后分析正在生成，稍后将出现在报告列表中。',
  },
};

/**
 * The media chain's, monitoring's and materials' own emails to staff, in each reader's language.
 * What was recorded in the system's words (why a chain or an import stopped, why a row was
 * rejected) is quoted as recorded; names staff typed stay as written.
 */
export const mediaNoticeWords = /* @__PURE__ */ catalogue(
  {
    hello: (name: string) => `Hello ${name},`,
    chain: {
      subjectNoun: 'Media campaign',
      stepLabel: 'media chain',
      requestedBy: 'Account Desk',
      stages: {
        recommendation: 'the media recommendation',
        master_plan: 'the media master plan',
        monthly_schedule: 'a monthly media schedule',
      },
      flightStarts: (day: string) => `The flight starts ${day}.`,
      openCampaign: 'Open the campaign',
      next: {
        subject: 'Next in the media chain',
        paragraph: (stage: string) => `The campaign now waits for the client to confirm ${stage}.`,
      },
      reminder: {
        subject: 'Still waiting for a confirmation',
        paragraph: (stage: string, flightStart: string) =>
          `The client has not confirmed ${stage} yet; the flight starts ${flightStart}. Nothing may be booked without their confirmation.`,
      },
      lapsed: {
        subject: 'Media chain stopped',
        flightOver: (flightEnd: string, stage: string) =>
          `The flight ended on ${flightEnd} before the client confirmed ${stage}.`,
        tooLong: (stage: string, weeks: number) =>
          `The client has not confirmed ${stage} in ${weeks} weeks; Account Desk follows a campaign's chain for a year at most.`,
        paragraph: (why: string, stage: string) =>
          `${why} No more weekly reminders will come for this campaign; it stays at ${stage}, and nothing may be booked without the client's confirmed schedule.`,
      },
      bookingOpen: {
        subject: 'Bookings may start',
        paragraph: 'A monthly schedule is confirmed by the client: its lines may be booked.',
      },
      stopped: {
        subject: 'Media chain stopped',
        paragraph: (reason: string, restart: string) =>
          `The media chain of this campaign stopped: ${reason}. Plans, confirmations and bookings still work (their gates are checked on every change), but the campaign's stage no longer moves on and nobody is reminded. An account executive or above can restart it: ${restart}.`,
      },
    },
    monitoringImport: {
      jsonRows: (rows: string) => `${rows} JSON rows`,
      subject: (completed: boolean, what: string, campaign: string) =>
        `Monitoring import ${completed ? 'completed' : 'failed'}: ${what} — ${campaign}`,
      completed: (what: string, campaign: string) =>
        `Your monitoring import of ${what} for ${campaign} has been imported to the end.`,
      failed: (what: string, campaign: string, failure: string | undefined) =>
        `Your monitoring import of ${what} for ${campaign} has failed: ${failure ?? 'see the import'}`,
      countsNow: 'Its rows now count in the discrepancies and the post-campaign analysis.',
      countsNot: 'Nothing of it counts. Retry it (POST …/retry) or replace the file (POST …/replacement).',
      client: 'Client',
      campaign: 'Campaign',
      file: 'File',
      rowsRead: 'Rows read',
      rowsStored: 'Rows stored',
      stored: (stored: string, matched: string) => `${stored} (${matched} matched to a booking line)`,
      rowsRejected: 'Rows rejected',
      rejectedRows: 'Rejected rows (first ten)',
      line: (line: string, reasons: string) => `Line ${line}: ${reasons}`,
      theImport: (url: string) => `The import: GET ${url}`,
    },
    materialMissing: {
      subject: (vendor: string, deadline: string, campaign: string) =>
        `Material missing for ${vendor}: due ${deadline} (${campaign})`,
      lead: (deadline: string) =>
        `No released artwork is linked yet to this material requisition; the vendor needs it by ${deadline}. Link a draft version that passed final artwork approval under the campaign's Materials in Account Desk.`,
      overdue: 'overdue',
      dueToday: 'due today',
      inWorkingDays: (n: number) => `in ${n} working day${n === 1 ? '' : 's'}`,
      client: 'Client',
      campaign: 'Campaign',
      vendor: 'Vendor',
      line: 'Line',
      format: 'Format',
      size: 'Size',
      deadline: 'Delivery deadline',
      requisitions: 'Requisitions',
      openRequisitions: 'Open the requisitions',
    },
  },
  {
    es: {
      hello: (name: string) => `Hola, ${name}:`,
      chain: {
        subjectNoun: 'Campaña de medios',
        stepLabel: 'cadena de medios',
        requestedBy: 'Account Desk',
        stages: {
          recommendation: 'la recomendación de medios',
          master_plan: 'el plan maestro de medios',
          monthly_schedule: 'una pauta mensual de medios',
        },
        flightStarts: (day: string) => `La campaña sale al aire el ${day}.`,
        openCampaign: 'Abrir la campaña',
        next: {
          subject: 'Siguiente paso en la cadena de medios',
          paragraph: (stage: string) => `La campaña espera ahora que el cliente confirme ${stage}.`,
        },
        reminder: {
          subject: 'Aún a la espera de una confirmación',
          paragraph: (stage: string, flightStart: string) =>
            `El cliente aún no ha confirmado ${stage}; la campaña sale al aire el ${flightStart}. No se puede reservar nada sin su confirmación.`,
        },
        lapsed: {
          subject: 'Cadena de medios detenida',
          flightOver: (flightEnd: string, stage: string) =>
            `La campaña terminó el ${flightEnd} sin que el cliente confirmara ${stage}.`,
          tooLong: (stage: string, weeks: number) =>
            `El cliente no ha confirmado ${stage} en ${weeks} semanas; Account Desk sigue la cadena de una campaña como máximo un año.`,
          paragraph: (why: string, stage: string) =>
            `${why} No llegarán más recordatorios semanales de esta campaña; se queda en ${stage}, y no se puede reservar nada sin la pauta confirmada por el cliente.`,
        },
        bookingOpen: {
          subject: 'Ya se pueden hacer reservas',
          paragraph: 'El cliente confirmó una pauta mensual: sus líneas ya se pueden reservar.',
        },
        stopped: {
          subject: 'Cadena de medios detenida',
          paragraph: (reason: string, restart: string) =>
            `La cadena de medios de esta campaña se detuvo: ${reason}. Los planes, las confirmaciones y las reservas siguen funcionando (sus condiciones se comprueban en cada cambio), pero la campaña ya no avanza de etapa y nadie recibe recordatorios. Un ejecutivo de cuentas o superior puede reiniciarla: ${restart}.`,
        },
      },
      monitoringImport: {
        jsonRows: (rows: string) => `${rows} filas JSON`,
        subject: (completed: boolean, what: string, campaign: string) =>
          `Importación de monitoreo ${completed ? 'completada' : 'fallida'}: ${what} — ${campaign}`,
        completed: (what: string, campaign: string) =>
          `Tu importación de monitoreo de ${what} para ${campaign} se importó hasta el final.`,
        failed: (what: string, campaign: string, failure: string | undefined) =>
          `Tu importación de monitoreo de ${what} para ${campaign} falló: ${failure ?? 'consulta la importación'}`,
        countsNow: 'Sus filas cuentan ya en las discrepancias y en el análisis poscampaña.',
        countsNot:
          'No cuenta nada de ella. Reinténtala (POST …/retry) o sustituye el archivo (POST …/replacement).',
        client: 'Cliente',
        campaign: 'Campaña',
        file: 'Archivo',
        rowsRead: 'Filas leídas',
        rowsStored: 'Filas guardadas',
        stored: (stored: string, matched: string) => `${stored} (${matched} asignadas a una línea reservada)`,
        rowsRejected: 'Filas rechazadas',
        rejectedRows: 'Filas rechazadas (las diez primeras)',
        line: (line: string, reasons: string) => `Línea ${line}: ${reasons}`,
        theImport: (url: string) => `La importación: GET ${url}`,
      },
      materialMissing: {
        subject: (vendor: string, deadline: string, campaign: string) =>
          `Falta material para ${vendor}: entrega el ${deadline} (${campaign})`,
        lead: (deadline: string) =>
          `Aún no hay ningún arte liberado vinculado a esta solicitud de material; el proveedor lo necesita antes del ${deadline}. Vincula una versión que haya pasado la aprobación del arte final en Materiales de la campaña, en Account Desk.`,
        overdue: 'atrasado',
        dueToday: 'vence hoy',
        inWorkingDays: (n: number) => `en ${n} día${n === 1 ? '' : 's'} hábil${n === 1 ? '' : 'es'}`,
        client: 'Cliente',
        campaign: 'Campaña',
        vendor: 'Proveedor',
        line: 'Línea',
        format: 'Formato',
        size: 'Tamaño',
        deadline: 'Fecha límite de entrega',
        requisitions: 'Solicitudes',
        openRequisitions: 'Abrir las solicitudes',
      },
    },
    'zh-CN': {
      hello: (name: string) => `${name}，您好：`,
      chain: {
        subjectNoun: '媒介活动',
        stepLabel: '媒介流程',
        requestedBy: 'Account Desk',
        stages: {
          recommendation: '媒介建议',
          master_plan: '媒介总体计划',
          monthly_schedule: '月度媒介排期',
        },
        flightStarts: (day: string) => `投放于 ${day} 开始。`,
        openCampaign: '打开媒介活动',
        next: {
          subject: '媒介流程的下一步',
          paragraph: (stage: string) => `该媒介活动现在等待客户确认${stage}。`,
        },
        reminder: {
          subject: '仍在等待确认',
          paragraph: (stage: string, flightStart: string) =>
            `客户尚未确认${stage}；投放于 ${flightStart} 开始。未经客户确认，不得预订任何内容。`,
        },
        lapsed: {
          subject: '媒介流程已停止',
          flightOver: (flightEnd: string, stage: string) =>
            `投放已于 ${flightEnd} 结束，客户仍未确认${stage}。`,
          tooLong: (stage: string, weeks: number) =>
            `客户 ${weeks} 周内未确认${stage}；Account Desk 跟进一个媒介活动的流程最长一年。`,
          paragraph: (why: string, stage: string) =>
            `${why}此媒介活动将不再有每周提醒；它停留在${stage}阶段，未经客户确认排期不得预订任何内容。`,
        },
        bookingOpen: {
          subject: '可以开始预订',
          paragraph: '客户已确认一份月度排期：其中各行可以预订。',
        },
        stopped: {
          subject: '媒介流程已停止',
          paragraph: (reason: string, restart: string) =>
            `此媒介活动的媒介流程已停止：${reason}。计划、确认和预订仍可进行（每次变更都会检查其条件），但活动阶段不再推进，也不会提醒任何人。客户执行或以上职级可以重新启动：${restart}。`,
        },
      },
      monitoringImport: {
        jsonRows: (rows: string) => `${rows} 行 JSON`,
        subject: (completed: boolean, what: string, campaign: string) =>
          `监测数据导入${completed ? '已完成' : '失败'}：${what} — ${campaign}`,
        completed: (what: string, campaign: string) => `您为 ${campaign} 导入的监测数据 ${what} 已全部导入。`,
        failed: (what: string, campaign: string, failure: string | undefined) =>
          `您为 ${campaign} 导入的监测数据 ${what} 失败：${failure ?? '请查看该导入'}`,
        countsNow: '其数据行现已计入差异和投放后分析。',
        countsNot: '其中任何数据都不计入。请重试（POST …/retry）或替换文件（POST …/replacement）。',
        client: '客户',
        campaign: '媒介活动',
        file: '文件',
        rowsRead: '读取行数',
        rowsStored: '保存行数',
        stored: (stored: string, matched: string) => `${stored}（${matched} 行已匹配到预订行）`,
        rowsRejected: '拒绝行数',
        rejectedRows: '被拒绝的行（前十行）',
        line: (line: string, reasons: string) => `第 ${line} 行：${reasons}`,
        theImport: (url: string) => `该导入：GET ${url}`,
      },
      materialMissing: {
        subject: (vendor: string, deadline: string, campaign: string) =>
          `${vendor} 的素材缺失：${deadline} 到期（${campaign}）`,
        lead: (deadline: string) =>
          `此素材需求尚未关联已发布的稿件；供应商需要在 ${deadline} 前收到。请在 Account Desk 该媒介活动的“素材”下关联一个已通过终稿审批的稿件版本。`,
        overdue: '已逾期',
        dueToday: '今天到期',
        inWorkingDays: (n: number) => `${n} 个工作日后`,
        client: '客户',
        campaign: '媒介活动',
        vendor: '供应商',
        line: '行',
        format: '规格',
        size: '尺寸',
        deadline: '交付截止',
        requisitions: '素材需求',
        openRequisitions: '打开素材需求',
      },
    },
  },
);
