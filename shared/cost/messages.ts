import { catalogue } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';
import type { LineCategory } from './schemas.js';

/** What the client reads of an estimate on the approval page, in their language. */
export const costWords = /* @__PURE__ */ catalogue(
  {
    categories: {
      production: 'Production',
      media: 'Media',
      third_party: 'Third party',
      research: 'Research',
      agency_fee: 'Agency fee',
      other: 'Other',
    } as Record<LineCategory, string>,
    shownCaption: (lines: number, changeOrder: boolean) =>
      `What you sign: ${lines} line${lines === 1 ? '' : 's'} of this ${changeOrder ? 'change order' : 'estimate'}`,
    subtotal: 'Subtotal (before tax)',
    tax: (percent: string) => `Tax (${percent})`,
    total: 'Total',
    changeOrderNote: (signedVersion: number) =>
      `This is a change order to signed version ${signedVersion}: the document shows only what changes, then the estimate as it stands after the change. `,
    withTimetable: (timetableVersion: number) =>
      `You sign this estimate together with version ${timetableVersion} of the job's timetable; both are in the document.`,
    toClient: 'The estimate and the timetable go on to the client for signature, exactly as shown.',
    signed:
      "You sign this estimate and the job's timetable as shown: the agency commits spend up to the signed total, and the timetable's dates become the job's baseline.",
  },
  {
    es: {
      categories: {
        production: 'Producción',
        media: 'Medios',
        third_party: 'Terceros',
        research: 'Investigación',
        agency_fee: 'Honorarios de agencia',
        other: 'Otros',
      },
      shownCaption: (lines: number, changeOrder: boolean) =>
        `Lo que firma: ${lines} línea${lines === 1 ? '' : 's'} de ${changeOrder ? 'esta orden de cambio' : 'este presupuesto'}`,
      subtotal: 'Subtotal (antes de impuestos)',
      tax: (percent: string) => `Impuesto (${percent})`,
      total: 'Total',
      changeOrderNote: (signedVersion: number) =>
        `Esta es una orden de cambio de la versión firmada ${signedVersion}: el documento muestra solo lo que cambia y, después, el presupuesto tal como queda. `,
      withTimetable: (timetableVersion: number) =>
        `Firma este presupuesto junto con la versión ${timetableVersion} del cronograma de la orden de trabajo; ambos están en el documento.`,
      toClient:
        'El presupuesto y el cronograma pasan al cliente para su firma, exactamente como se muestran.',
      signed:
        'Firma este presupuesto y el cronograma tal como se muestran: la agencia compromete gastos hasta el total firmado y las fechas del cronograma pasan a ser la referencia del trabajo.',
    },
    'zh-CN': {
      categories: {
        production: '制作',
        media: '媒介',
        third_party: '第三方',
        research: '调研',
        agency_fee: '代理服务费',
        other: '其他',
      },
      shownCaption: (lines: number, changeOrder: boolean) =>
        `您签署的内容：此${changeOrder ? '变更单' : '估价'}共 ${lines} 行`,
      subtotal: '小计（税前）',
      tax: (percent: string) => `税（${percent}）`,
      total: '总计',
      changeOrderNote: (signedVersion: number) =>
        `这是对已签署第 ${signedVersion} 版的变更单：文件先列出变更内容，再列出变更后的完整估价。`,
      withTimetable: (timetableVersion: number) =>
        `您将此估价与工作时间表第 ${timetableVersion} 版一并签署；两者均在文件中。`,
      toClient: '估价与工作时间表将完全按所示内容提交客户签字。',
      signed:
        '您按所示内容签署此估价和工作时间表：代理商在签署总额内承担支出，工作时间表的日期成为工作项目的基准。',
    },
  },
);

/**
 * The document the client signs — the estimate or a change order, with the job's timetable —
 * stored once and signed by hash, in the language of the client's contacts who sign estimates
 * (`clientDocumentLanguage`). Categories and totals' labels are `costWords`'.
 */
export const estimateDocumentWords = /* @__PURE__ */ catalogue(
  {
    estimateTitle: (title: string, version: number) => `Estimate: ${title} — version ${version}`,
    changeOrderTitle: (title: string, version: number, signedVersion: number) =>
      `Change order: ${title} — version ${version} (changes signed version ${signedVersion})`,
    preparedFor: (agency: string, client: string, jobNumber: string, jobTitle: string, currency: string) =>
      `${agency} for ${client}; job ${jobNumber} — ${jobTitle}. Amounts in ${currency}.`,
    documentColumns: [
      'Line',
      'Category',
      'Description',
      'Qty',
      'Unit cost',
      'Net',
      'Markup',
      'Markup amount',
      'Total',
    ],
    estimate: 'Estimate',
    whatChanges: 'What changes',
    changeSummary: (added: number, changed: number, removed: number) =>
      `${added} line${added === 1 ? '' : 's'} added, ${changed} changed, ${removed} removed.`,
    totalsMove: (subtotalBefore: string, subtotalAfter: string, totalBefore: string, totalAfter: string) =>
      `The subtotal before tax goes from ${subtotalBefore} to ${subtotalAfter}; the total from ${totalBefore} to ${totalAfter}.`,
    afterTheChange: 'The estimate as it stands after the change',
    net: 'Net',
    markup: 'Markup and commission',
    rounding:
      "Every amount is rounded once to the smallest unit of the currency, half to even: a line's net (quantity × unit cost), its markup, and the tax on the subtotal.",
    timetable: (version: number) => `Timetable (version ${version})`,
    signsBoth: (timetableVersion: number) =>
      `Signing this document signs this estimate and version ${timetableVersion} of the job's timetable together. Timetable document SHA-256:`,
  },
  {
    es: {
      estimateTitle: (title: string, version: number) => `Presupuesto: ${title} — versión ${version}`,
      changeOrderTitle: (title: string, version: number, signedVersion: number) =>
        `Orden de cambio: ${title} — versión ${version} (modifica la versión firmada ${signedVersion})`,
      preparedFor: (agency: string, client: string, jobNumber: string, jobTitle: string, currency: string) =>
        `${agency} para ${client}; orden de trabajo ${jobNumber} — ${jobTitle}. Importes en ${currency}.`,
      documentColumns: [
        'Línea',
        'Categoría',
        'Descripción',
        'Cant.',
        'Costo unitario',
        'Neto',
        'Recargo',
        'Importe del recargo',
        'Total',
      ],
      estimate: 'Presupuesto',
      whatChanges: 'Qué cambia',
      changeSummary: (added: number, changed: number, removed: number) =>
        `${added} ${added === 1 ? 'línea añadida' : 'líneas añadidas'}, ${changed} ${changed === 1 ? 'modificada' : 'modificadas'}, ${removed} ${removed === 1 ? 'eliminada' : 'eliminadas'}.`,
      totalsMove: (subtotalBefore: string, subtotalAfter: string, totalBefore: string, totalAfter: string) =>
        `El subtotal antes de impuestos pasa de ${subtotalBefore} a ${subtotalAfter}; el total, de ${totalBefore} a ${totalAfter}.`,
      afterTheChange: 'El presupuesto tal como queda después del cambio',
      net: 'Neto',
      markup: 'Recargo y comisión',
      rounding:
        'Cada importe se redondea una sola vez a la unidad mínima de la moneda, al par más cercano: el neto de una línea (cantidad × costo unitario), su recargo y el impuesto sobre el subtotal.',
      timetable: (version: number) => `Cronograma (versión ${version})`,
      signsBoth: (timetableVersion: number) =>
        `Al firmar este documento se firman a la vez este presupuesto y la versión ${timetableVersion} del cronograma del trabajo. SHA-256 del documento del cronograma:`,
    },
    'zh-CN': {
      estimateTitle: (title: string, version: number) => `估价：${title} — 第 ${version} 版`,
      changeOrderTitle: (title: string, version: number, signedVersion: number) =>
        `变更单：${title} — 第 ${version} 版（变更已签署的第 ${signedVersion} 版）`,
      preparedFor: (agency: string, client: string, jobNumber: string, jobTitle: string, currency: string) =>
        `${agency} 为 ${client} 制作；工作项目 ${jobNumber} — ${jobTitle}。金额单位：${currency}。`,
      documentColumns: ['行', '类别', '说明', '数量', '单价', '净额', '加价率', '加价金额', '合计'],
      estimate: '估价',
      whatChanges: '变更内容',
      changeSummary: (added: number, changed: number, removed: number) =>
        `新增 ${added} 行，修改 ${changed} 行，删除 ${removed} 行。`,
      totalsMove: (subtotalBefore: string, subtotalAfter: string, totalBefore: string, totalAfter: string) =>
        `税前小计由 ${subtotalBefore} 变为 ${subtotalAfter}；总计由 ${totalBefore} 变为 ${totalAfter}。`,
      afterTheChange: '变更后的完整估价',
      net: '净额',
      markup: '加价及佣金',
      rounding:
        '每个金额只按货币最小单位舍入一次（银行家舍入）：每行净额（数量 × 单价）、其加价，以及小计的税额。',
      timetable: (version: number) => `工作时间表（第 ${version} 版）`,
      signsBoth: (timetableVersion: number) =>
        `签署本文件即同时签署此估价和工作时间表第 ${timetableVersion} 版。工作时间表文件 SHA-256：`,
    },
  },
);

/**
 * What a member of the account team reads when committed spend on a job reaches 80 % or 100 % of
 * the signed total, in their own language (`language`, `PATCH /me`); amounts arrive formatted.
 */
export const spendNoticeWords = /* @__PURE__ */ catalogue(
  {
    subject: (jobNumber: string, percent: number) =>
      `Job ${jobNumber}: ${percent} % of the signed estimate committed`,
    greeting: (name: string) => `Dear ${name},`,
    reachedTotal: (job: string, committed: string, signed: string) =>
      `Committed spend on job ${job} has reached the total the client signed: ${committed} of ${signed}. No further purchase order or booking can be placed until the client signs a change order.`,
    reachedShare: (job: string, percent: number, committed: string, signed: string) =>
      `Committed spend on job ${job} has reached ${percent} % of the total the client signed: ${committed} of ${signed}.`,
    advice:
      'If more spend is needed, forecast the overrun and have the client approve it first (a change order).',
    openJob: 'Open the job',
  },
  {
    es: {
      subject: (jobNumber: string, percent: number) =>
        `Trabajo ${jobNumber}: ${percent} % del presupuesto firmado comprometido`,
      greeting: (name: string) => `Estimado/a ${name}:`,
      reachedTotal: (job: string, committed: string, signed: string) =>
        `El gasto comprometido en el trabajo ${job} ha alcanzado el total que firmó el cliente: ${committed} de ${signed}. No se puede emitir otra orden de compra ni reserva hasta que el cliente firme una orden de cambio.`,
      reachedShare: (job: string, percent: number, committed: string, signed: string) =>
        `El gasto comprometido en el trabajo ${job} ha alcanzado el ${percent} % del total que firmó el cliente: ${committed} de ${signed}.`,
      advice:
        'Si hace falta más gasto, prevea el sobrecosto y obtenga antes la aprobación del cliente (una orden de cambio).',
      openJob: 'Abrir el trabajo',
    },
    'zh-CN': {
      subject: (jobNumber: string, percent: number) => `工作 ${jobNumber}：已承诺已签估价的 ${percent} %`,
      greeting: (name: string) => `${name}，您好：`,
      reachedTotal: (job: string, committed: string, signed: string) =>
        `工作 ${job} 的已承诺支出已达到客户签署的总额：${committed} / ${signed}。在客户签署变更单之前，不能再下采购订单或预订。`,
      reachedShare: (job: string, percent: number, committed: string, signed: string) =>
        `工作 ${job} 的已承诺支出已达到客户签署总额的 ${percent} %：${committed} / ${signed}。`,
      advice: '如需更多支出，请预估超支并先请客户批准（变更单）。',
      openJob: '打开工作',
    },
  },
);

/**
 * The email that carries a purchase order: to the vendor in the agency's language (a vendor
 * contact has no language recorded yet), to the approving staff member in theirs.
 */
export const purchaseOrderEmailWords = /* @__PURE__ */ catalogue(
  {
    subject: (agency: string, number: string, vendor: string, client: string) =>
      `[${agency}] Purchase order ${number} for ${vendor} (${client})`,
    greeting: (name: string) => `Dear ${name},`,
    toVendor: (agency: string, vendor: string, client: string, number: string, approver: string) =>
      `${agency} orders the work below from ${vendor} on behalf of ${client}. Please quote order number ${number} on your bill; questions to ${approver}.`,
    toApprover: (number: string, vendor: string) => `Your purchase order ${number} went to ${vendor}.`,
    labels: {
      order: 'Order',
      client: 'Client',
      job: 'Job',
      vendor: 'Vendor',
      total: 'Total',
      deliverBy: 'Deliver by',
    },
    document: 'The purchase order (document)',
    open: 'Open the purchase order',
  },
  {
    es: {
      subject: (agency: string, number: string, vendor: string, client: string) =>
        `[${agency}] Orden de compra ${number} para ${vendor} (${client})`,
      greeting: (name: string) => `Estimado/a ${name}:`,
      toVendor: (agency: string, vendor: string, client: string, number: string, approver: string) =>
        `${agency} encarga a ${vendor} el trabajo que sigue en nombre de ${client}. Indique el número de orden ${number} en su factura; consultas a ${approver}.`,
      toApprover: (number: string, vendor: string) => `Su orden de compra ${number} se envió a ${vendor}.`,
      labels: {
        order: 'Orden',
        client: 'Cliente',
        job: 'Trabajo',
        vendor: 'Proveedor',
        total: 'Total',
        deliverBy: 'Entregar antes del',
      },
      document: 'La orden de compra (documento)',
      open: 'Abrir la orden de compra',
    },
    'zh-CN': {
      subject: (agency: string, number: string, vendor: string, client: string) =>
        `[${agency}] 采购订单 ${number}：${vendor}（${client}）`,
      greeting: (name: string) => `${name}，您好：`,
      toVendor: (agency: string, vendor: string, client: string, number: string, approver: string) =>
        `${agency} 代表 ${client} 向 ${vendor} 订购以下工作。请在发票上注明订单号 ${number}；如有问题请联系 ${approver}。`,
      toApprover: (number: string, vendor: string) => `您的采购订单 ${number} 已发送给 ${vendor}。`,
      labels: {
        order: '订单',
        client: '客户',
        job: '工作',
        vendor: '供应商',
        total: '总计',
        deliverBy: '交付日期',
      },
      document: '采购订单（文件）',
      open: '打开采购订单',
    },
  },
);

/**
 * The purchase order as its vendor reads it (the document the email links to), in the language of
 * the vendor's contact (`contact.language`; the agency's language while none is recorded).
 */
export const purchaseOrderDocumentWords = /* @__PURE__ */ catalogue(
  {
    title: (number: string) => `Purchase order ${number}`,
    cancelledTitle: (number: string) => `Purchase order ${number} — CANCELLED`,
    cancelledNote: (date: string, reason: string, released: string) =>
      `This order was cancelled on ${date}: ${reason}. Nothing more is to be delivered or billed on it; ${released} of it is withdrawn.`,
    from: 'From',
    fromValue: (agency: string, client: string) => `${agency}, on behalf of ${client}`,
    to: 'To',
    attention: (vendor: string, contact: string) => `${vendor}, attention of ${contact}`,
    vendorTaxId: 'Vendor tax id',
    job: 'Job',
    issued: 'Issued',
    deliverBy: 'Deliver by',
    paymentTerms: 'Payment terms',
    paymentTermsValue: (days: number) => `${days} days from a matching bill`,
    approvedBy: 'Approved by',
    lines: 'Lines',
    columns: ['#', 'Description', 'Estimate line', 'Quantity', 'Unit cost', 'Total'],
    total: 'Total',
    notes: 'Notes',
    quoteNumber: (number: string) =>
      `Quote order number ${number} on your bill. Bills are matched to this order line by line: quantities and amounts above what was ordered are queried before payment.`,
  },
  {
    es: {
      title: (number: string) => `Orden de compra ${number}`,
      cancelledTitle: (number: string) => `Orden de compra ${number} — CANCELADA`,
      cancelledNote: (date: string, reason: string, released: string) =>
        `Esta orden se canceló el ${date}: ${reason}. No debe entregarse ni facturarse nada más a cuenta de ella; se retiran ${released}.`,
      from: 'De',
      fromValue: (agency: string, client: string) => `${agency}, en nombre de ${client}`,
      to: 'Para',
      attention: (vendor: string, contact: string) => `${vendor}, a la atención de ${contact}`,
      vendorTaxId: 'Identificación fiscal del proveedor',
      job: 'Trabajo',
      issued: 'Emitida',
      deliverBy: 'Entregar antes del',
      paymentTerms: 'Condiciones de pago',
      paymentTermsValue: (days: number) => `${days} días desde una factura conforme`,
      approvedBy: 'Aprobada por',
      lines: 'Líneas',
      columns: ['#', 'Descripción', 'Línea del presupuesto', 'Cantidad', 'Costo unitario', 'Total'],
      total: 'Total',
      notes: 'Notas',
      quoteNumber: (number: string) =>
        `Indique el número de orden ${number} en su factura. Las facturas se cotejan con esta orden línea por línea: las cantidades e importes por encima de lo pedido se consultan antes del pago.`,
    },
    'zh-CN': {
      title: (number: string) => `采购订单 ${number}`,
      cancelledTitle: (number: string) => `采购订单 ${number}（已取消）`,
      cancelledNote: (date: string, reason: string, released: string) =>
        `此订单已于 ${date} 取消：${reason}。不得再按此订单交付或开票；撤回金额 ${released}。`,
      from: '发出方',
      fromValue: (agency: string, client: string) => `${agency}（代表 ${client}）`,
      to: '收件方',
      attention: (vendor: string, contact: string) => `${vendor}，${contact} 收`,
      vendorTaxId: '供应商税号',
      job: '工作',
      issued: '签发日期',
      deliverBy: '交付日期',
      paymentTerms: '付款条件',
      paymentTermsValue: (days: number) => `收到相符发票后 ${days} 天内付款`,
      approvedBy: '批准人',
      lines: '订单明细',
      columns: ['#', '说明', '估价行', '数量', '单价', '合计'],
      total: '总计',
      notes: '备注',
      quoteNumber: (number: string) =>
        `请在发票上注明订单号 ${number}。发票将按行与本订单核对：超出订购数量或金额的部分在付款前将予以核实。`,
    },
  },
);

/** The email that tells the vendor (and the approver) that an order is cancelled. */
export const purchaseOrderCancelledWords = /* @__PURE__ */ catalogue(
  {
    subject: (agency: string, number: string, vendor: string) =>
      `[${agency}] Purchase order ${number} cancelled (${vendor})`,
    toVendor: (agency: string, number: string, client: string) =>
      `${agency} cancels purchase order ${number} (for ${client}). Please stop any work on it that is not yet delivered and bill nothing further against it.`,
    toApprover: (number: string, vendor: string) =>
      `Purchase order ${number} to ${vendor} is cancelled; the vendor has been told.`,
    reason: 'Reason',
    released: 'Withdrawn',
    billedBefore: 'Billed before the cancellation',
    open: 'Open the cancelled order',
  },
  {
    es: {
      subject: (agency: string, number: string, vendor: string) =>
        `[${agency}] Orden de compra ${number} cancelada (${vendor})`,
      toVendor: (agency: string, number: string, client: string) =>
        `${agency} cancela la orden de compra ${number} (para ${client}). Detenga todo trabajo aún no entregado y no facture nada más a cuenta de ella.`,
      toApprover: (number: string, vendor: string) =>
        `La orden de compra ${number} a ${vendor} está cancelada; se ha avisado al proveedor.`,
      reason: 'Motivo',
      released: 'Importe retirado',
      billedBefore: 'Facturado antes de la cancelación',
      open: 'Abrir la orden cancelada',
    },
    'zh-CN': {
      subject: (agency: string, number: string, vendor: string) =>
        `[${agency}] 采购订单 ${number} 已取消（${vendor}）`,
      toVendor: (agency: string, number: string, client: string) =>
        `${agency} 取消采购订单 ${number}（客户：${client}）。请停止尚未交付的工作，并不再按此订单开具任何发票。`,
      toApprover: (number: string, vendor: string) =>
        `发给 ${vendor} 的采购订单 ${number} 已取消；已通知供应商。`,
      reason: '原因',
      released: '撤回金额',
      billedBefore: '取消前已开票',
      open: '打开已取消的订单',
    },
  },
);

/**
 * The monthly budget reconciliation as the account team reads it — the HTML document (with its
 * charts) and its email — in the reader's language (`language`, `PATCH /me`).
 */
export const reconciliationWords = /* @__PURE__ */ catalogue(
  {
    title: (month: string, client: string) => `Budget reconciliation ${month} — ${client}`,
    heading: (month: string) => `Budget reconciliation, ${month}`,
    intro: (agency: string, client: string, threshold: number, flagged: number) =>
      `${agency} for ${client}. Signed estimates against committed spend (purchase orders, and media bookings where the estimate carries the media), vendors' bills and the account executive's forecast. Variances over ${threshold} % are flagged (${flagged} flagged); the account executive gives the reason for each.`,
    totals: (currency: string, signed: string, committed: string, billed: string, forecast: string) =>
      `Totals (${currency}): signed ${signed}, committed ${committed}, billed ${billed}, forecast for the month ${forecast}.`,
    otherCurrencies: (currencies: string) =>
      `Jobs in ${currencies} are listed in their own currency and left out of the totals.`,
    brandChart: 'By brand: forecast and committed this month',
    jobChart: 'By job: signed, committed, billed',
    largest: (shown: number, all: number) => `The ${shown} largest of ${all}; every row is in the table.`,
    brands: 'Brands',
    jobs: 'Jobs',
    signed: 'Signed',
    committed: 'Committed',
    billed: 'Billed',
    committedInMonth: 'Committed this month',
    forecast: 'Forecast',
    flagsColumn: 'Flags',
    flags: {
      committed_over_signed: 'Committed over the signed total',
      billed_over_committed: 'Billed over committed',
      committed_vs_forecast: "The month's committed spend is off the forecast",
    } as Record<'committed_over_signed' | 'billed_over_committed' | 'committed_vs_forecast', string>,
    generated: (at: string) => `Generated ${at}.`,
    updated: (at: string) => `Reasons last updated ${at}.`,
    subject: (month: string, client: string) => `Budget reconciliation ${month}: ${client}`,
    greeting: (name: string) => `Dear ${name},`,
    ready: (client: string, month: string) =>
      `The budget reconciliation of ${client} for ${month} is ready: signed estimates against committed spend, vendors' bills and the forecast, per job and per brand.`,
    flaggedLines: (flagged: number, threshold: number) =>
      `${flagged} ${flagged === 1 ? 'line has a variance' : 'lines have variances'} over ${threshold} %: the account executive gives the reasons in Account Desk.`,
    noVariance: (threshold: number) => `No variance passes ${threshold} %.`,
    csv: (url: string) => `The figures for finance (CSV): ${url}`,
    open: 'Open the reconciliation',
  },
  {
    es: {
      title: (month: string, client: string) => `Conciliación presupuestaria ${month} — ${client}`,
      heading: (month: string) => `Conciliación presupuestaria, ${month}`,
      intro: (agency: string, client: string, threshold: number, flagged: number) =>
        `${agency} para ${client}. Presupuestos firmados frente al gasto comprometido (órdenes de compra, y reservas de medios cuando el presupuesto incluye los medios), las facturas de los proveedores y la previsión del ejecutivo de cuentas. Se señalan las desviaciones de más del ${threshold} % (${flagged} señaladas); el ejecutivo de cuentas explica cada una.`,
      totals: (currency: string, signed: string, committed: string, billed: string, forecast: string) =>
        `Totales (${currency}): firmado ${signed}, comprometido ${committed}, facturado ${billed}, previsión del mes ${forecast}.`,
      otherCurrencies: (currencies: string) =>
        `Los trabajos en ${currencies} figuran en su propia moneda y quedan fuera de los totales.`,
      brandChart: 'Por marca: previsión y comprometido este mes',
      jobChart: 'Por trabajo: firmado, comprometido, facturado',
      largest: (shown: number, all: number) =>
        `Las ${shown} mayores de ${all}; todas las filas están en la tabla.`,
      brands: 'Marcas',
      jobs: 'Trabajos',
      signed: 'Firmado',
      committed: 'Comprometido',
      billed: 'Facturado',
      committedInMonth: 'Comprometido este mes',
      forecast: 'Previsión',
      flagsColumn: 'Señales',
      flags: {
        committed_over_signed: 'Comprometido por encima del total firmado',
        billed_over_committed: 'Facturado por encima de lo comprometido',
        committed_vs_forecast: 'El gasto comprometido del mes se aparta de la previsión',
      },
      generated: (at: string) => `Generado ${at}.`,
      updated: (at: string) => `Motivos actualizados por última vez ${at}.`,
      subject: (month: string, client: string) => `Conciliación presupuestaria ${month}: ${client}`,
      greeting: (name: string) => `Estimado/a ${name}:`,
      ready: (client: string, month: string) =>
        `La conciliación presupuestaria de ${client} de ${month} está lista: presupuestos firmados frente al gasto comprometido, las facturas de los proveedores y la previsión, por trabajo y por marca.`,
      flaggedLines: (flagged: number, threshold: number) =>
        `${flagged} ${flagged === 1 ? 'línea tiene una desviación' : 'líneas tienen desviaciones'} de más del ${threshold} %: el ejecutivo de cuentas da los motivos en Account Desk.`,
      noVariance: (threshold: number) => `Ninguna desviación supera el ${threshold} %.`,
      csv: (url: string) => `Las cifras para finanzas (CSV): ${url}`,
      open: 'Abrir la conciliación',
    },
    'zh-CN': {
      title: (month: string, client: string) => `预算核对 ${month} — ${client}`,
      heading: (month: string) => `预算核对，${month}`,
      intro: (agency: string, client: string, threshold: number, flagged: number) =>
        `${agency} 为 ${client} 编制。已签署估价对照已承诺支出（采购订单，以及估价包含媒介时的媒介订位）、供应商发票和客户执行的预测。偏差超过 ${threshold} % 的行已标出（共 ${flagged} 行）；客户执行须逐一说明原因。`,
      totals: (currency: string, signed: string, committed: string, billed: string, forecast: string) =>
        `合计（${currency}）：已签署 ${signed}，已承诺 ${committed}，已开票 ${billed}，本月预测 ${forecast}。`,
      otherCurrencies: (currencies: string) => `以 ${currencies} 计价的工作按其本币列示，不计入合计。`,
      brandChart: '按品牌：本月预测与已承诺',
      jobChart: '按工作：已签署、已承诺、已开票',
      largest: (shown: number, all: number) => `共 ${all} 行中最大的 ${shown} 行；全部行见表格。`,
      brands: '品牌',
      jobs: '工作',
      signed: '已签署',
      committed: '已承诺',
      billed: '已开票',
      committedInMonth: '本月已承诺',
      forecast: '预测',
      flagsColumn: '标记',
      flags: {
        committed_over_signed: '已承诺超过签署总额',
        billed_over_committed: '已开票超过已承诺',
        committed_vs_forecast: '本月已承诺支出偏离预测',
      },
      generated: (at: string) => `生成于 ${at}。`,
      updated: (at: string) => `原因最近更新于 ${at}。`,
      subject: (month: string, client: string) => `预算核对 ${month}：${client}`,
      greeting: (name: string) => `${name}，您好：`,
      ready: (client: string, month: string) =>
        `${client} ${month} 的预算核对已完成：按工作和品牌列出已签署估价对照已承诺支出、供应商发票和预测。`,
      flaggedLines: (flagged: number, threshold: number) =>
        `有 ${flagged} 行偏差超过 ${threshold} %：客户执行将在 Account Desk 中说明原因。`,
      noVariance: (threshold: number) => `没有偏差超过 ${threshold} %。`,
      csv: (url: string) => `供财务使用的数据（CSV）：${url}`,
      open: '打开预算核对',
    },
  },
);

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const costRefusalWords: RefusalWords = {
  es: {
    no_signed_estimate:
      'Este trabajo aún no tiene un presupuesto firmado por el cliente, así que no se puede comprometer gasto en él.',
    currency_required:
      'El trabajo no tiene presupuesto del que tomar la moneda: indique la moneda del presupuesto.',
    not_on_signed_estimate: 'Esa línea no está en el presupuesto que firmó el cliente.',
    estimate_line_category: 'Esa línea del presupuesto firmado es de otro tipo de costo que la orden.',
    estimate_line_vendor: 'Esa línea del presupuesto firmado la cotizó otro proveedor.',
    empty_order: 'No se puede emitir una orden por nada.',
    vendor_exists: 'Ya hay un proveedor con ese nombre en el registro.',
    unknown_purchase_order: 'Este trabajo no tiene esa orden de compra.',
    purchase_order_cancelled: 'Esta orden de compra está cancelada: no admite más facturas ni cambios.',
    purchase_order_fully_billed:
      'Esta orden de compra está facturada por completo: no queda nada en ella que cancelar.',
    ledger_mismatch: 'El registro de gasto del trabajo no cuadra con este cambio; no se cambió nada.',
    bill_already_recorded: 'Esa factura del proveedor ya está registrada.',
    no_such_variance: 'Esta conciliación no señala esa desviación en esa línea.',
    job_has_signed_estimate: 'Otro presupuesto de este trabajo ya está firmado.',
    no_timetable:
      'El cliente firma el presupuesto junto con el cronograma: fije antes el cronograma del trabajo.',
    estimate_locked:
      'Esta versión ya no es un borrador (firmada o en revisión): revise el presupuesto para hacer una nueva versión o una orden de cambio.',
    draft_open: 'Este presupuesto ya tiene un borrador abierto: edítelo en lugar de empezar otro.',
    no_document:
      'Esta versión aún no se ha enviado a aprobación: su documento se prepara cuando empieza la revisión.',
    no_change: 'Esta orden de cambio no cambia nada respecto del presupuesto firmado.',
    duplicate_line: 'Una línea aparece dos veces.',
  },
  'zh-CN': {
    no_signed_estimate: '此工作尚无客户签署的估价，因此不能承诺任何支出。',
    currency_required: '此工作没有预算可确定货币：请注明估价的货币。',
    not_on_signed_estimate: '该行不在客户签署的估价中。',
    estimate_line_category: '已签署估价的该行与订单属于不同的费用类别。',
    estimate_line_vendor: '已签署估价的该行由另一家供应商报价。',
    empty_order: '不能下空订单。',
    vendor_exists: '供应商名录中已有同名供应商。',
    unknown_purchase_order: '此工作没有该采购订单。',
    purchase_order_cancelled: '此采购订单已取消：不再接受发票或更改。',
    purchase_order_fully_billed: '此采购订单已全部开票：没有可取消的部分。',
    ledger_mismatch: '该工作的支出台账与此更改不符；未做任何更改。',
    bill_already_recorded: '该供应商发票已登记。',
    no_such_variance: '此预算核对在该行没有标出这一偏差。',
    job_has_signed_estimate: '此工作的另一份估价已签署。',
    no_timetable: '客户须同时签署估价和工作时间表：请先确定工作时间表。',
    estimate_locked: '此版本已不是草稿（已签署或正在审核）：请修订估价以生成新版本或变更单。',
    draft_open: '此估价已有一个未完成的草稿。',
    no_document: '此版本尚未送签：文件在审核开始时生成。',
    no_change: '此变更单与已签署的估价相比没有任何变化。',
    duplicate_line: '同一行出现了两次。',
  },
};

/**
 * What the account team is told when an estimate or a change order is signed, in each reader's
 * language (the email's subject line names the item — "Estimate: …", "Change order: …" — after these words).
 */
export const costSignedOffWords = /* @__PURE__ */ catalogue(
  {
    subject: 'Signed by the client',
    paragraph: (version: number) =>
      `Version ${version} is signed by the client with the job's timetable: it is locked, its total is the job's signed total, and the timetable is the job's baseline.`,
  },
  {
    es: {
      subject: 'Firmado por el cliente',
      paragraph: (version: number) =>
        `El cliente firmó la versión ${version} junto con el cronograma de la orden de trabajo: queda bloqueada, su total pasa a ser el total firmado del trabajo y el cronograma, su referencia.`,
    },
    'zh-CN': {
      subject: '客户已签署',
      paragraph: (version: number) =>
        `客户已签署第 ${version} 版及工作时间表：该版本已锁定，其总额成为工作项目的签署总额，工作时间表成为工作项目的基准。`,
    },
  },
);
