import { catalogue } from '../platform/i18n.js';

/**
 * What the client's billing contact reads (the invoice or credit note, its email, reminders) and
 * what billing's refusals say, in their language (issue 14 §1–§2). Time capture has its own
 * catalogue (`time-messages.ts`).
 */
export const billingWords = /* @__PURE__ */ catalogue(
  {
    invoice: 'Invoice',
    creditNote: 'Credit note',
    number: 'Number',
    issuedOn: 'Date of issue',
    dueOn: 'Due date',
    billTo: 'Bill to',
    corrects: (number: string) => `Corrects invoice ${number}`,
    columns: ['Job', 'Description', 'Amount'],
    mediaDetail: (gross: string, commission: string, net: string) =>
      `Gross ${gross}; agency commission ${commission}; net to the media owner ${net}`,
    subtotal: 'Subtotal (before tax)',
    tax: (percent: string) => `Tax (${percent})`,
    total: 'Total',
    paid: 'Paid',
    balance: 'Balance due',
    payBy: (date: string) => `Please pay by ${date}, quoting the invoice number.`,
    emailSubject: (agency: string, kind: string, number: string) => `${agency}: ${kind} ${number}`,
    emailBody: (name: string, kind: string, number: string, total: string, dueOn: string) =>
      `Dear ${name}, please find ${kind.toLowerCase()} ${number} for ${total}, due on ${dueOn}.`,
    openDocument: 'Open the document',
    preview: 'Draft — not issued',
    previewNote:
      'This is a preview of the document as it will be issued. The number is given, and the dates are set, when it is issued.',
    reminderSubject: (agency: string, number: string) => `${agency}: payment reminder, invoice ${number}`,
    reminderBody: (name: string, number: string, balance: string, dueOn: string, days: number) =>
      `Dear ${name}, our records show ${balance} still owed on invoice ${number}, due on ${dueOn} (${days} day${days === 1 ? '' : 's'} ago). If you have already paid, thank you, and please disregard this reminder.`,
    chaseSubject: (client: string, number: string, level: number) =>
      `Chase payment: ${client}, invoice ${number} (reminder ${level})`,
    chaseBody: (client: string, number: string, balance: string, dueOn: string) =>
      `${client} still owes ${balance} on invoice ${number}, due on ${dueOn}. A reminder went to their billing contact; please follow up with them.`,
    lines: {
      stage: {
        signature: 'on signature',
        delivery: 'on delivery',
        advance: 'advance',
        balance: 'balance',
        month: (month: string) => `fees for ${month}`,
      },
      estimateLine: (lineId: string, description: string, stage: string) =>
        `${lineId} ${description} (${stage})`,
      vendorBill: (number: string, date: string) => `Vendor bill ${number} (${date})`,
      media: (vendor: string, month: string) => `Media: ${vendor}, ${month}`,
      time: (date: string, activity: string, hours: string) => `Time on ${date}: ${activity} (${hours} h)`,
      activities: {
        account_management: 'account management',
        client_meeting: 'client meeting',
        strategy: 'strategy',
        creative: 'creative',
        production: 'production',
        media: 'media',
        research: 'research',
        travel: 'travel',
        other: 'other work',
      } as Record<string, string>,
    },
  },
  {
    es: {
      invoice: 'Factura',
      creditNote: 'Nota de crédito',
      number: 'Número',
      issuedOn: 'Fecha de emisión',
      dueOn: 'Vencimiento',
      billTo: 'Facturar a',
      corrects: (number: string) => `Corrige la factura ${number}`,
      columns: ['Orden de trabajo', 'Descripción', 'Importe'],
      mediaDetail: (gross: string, commission: string, net: string) =>
        `Bruto ${gross}; comisión de agencia ${commission}; neto al medio ${net}`,
      subtotal: 'Subtotal (antes de impuestos)',
      tax: (percent: string) => `Impuesto (${percent})`,
      total: 'Total',
      paid: 'Pagado',
      balance: 'Saldo pendiente',
      payBy: (date: string) => `Le rogamos el pago antes del ${date}, indicando el número de factura.`,
      emailSubject: (agency: string, kind: string, number: string) => `${agency}: ${kind} ${number}`,
      emailBody: (name: string, kind: string, number: string, total: string, dueOn: string) =>
        `Estimado/a ${name}: le enviamos ${kind.toLowerCase()} ${number} por ${total}, con vencimiento el ${dueOn}.`,
      openDocument: 'Abrir el documento',
      preview: 'Borrador — no emitido',
      previewNote:
        'Esta es una vista previa del documento tal como se emitirá. El número se asigna, y las fechas se fijan, al emitirlo.',
      reminderSubject: (agency: string, number: string) =>
        `${agency}: recordatorio de pago, factura ${number}`,
      reminderBody: (name: string, number: string, balance: string, dueOn: string, days: number) =>
        `Estimado/a ${name}: según nuestros registros, quedan ${balance} pendientes de la factura ${number}, vencida el ${dueOn} (hace ${days} día${days === 1 ? '' : 's'}). Si ya la pagó, gracias, y no tenga en cuenta este recordatorio.`,
      chaseSubject: (client: string, number: string, level: number) =>
        `Reclamar pago: ${client}, factura ${number} (recordatorio ${level})`,
      chaseBody: (client: string, number: string, balance: string, dueOn: string) =>
        `${client} aún debe ${balance} de la factura ${number}, vencida el ${dueOn}. Se envió un recordatorio a su contacto de facturación; haga el seguimiento con ellos.`,
      lines: {
        stage: {
          signature: 'a la firma',
          delivery: 'a la entrega',
          advance: 'anticipo',
          balance: 'resto',
          month: (month: string) => `honorarios de ${month}`,
        },
        estimateLine: (lineId: string, description: string, stage: string) =>
          `${lineId} ${description} (${stage})`,
        vendorBill: (number: string, date: string) => `Factura de proveedor ${number} (${date})`,
        media: (vendor: string, month: string) => `Medios: ${vendor}, ${month}`,
        time: (date: string, activity: string, hours: string) =>
          `Horas del ${date}: ${activity} (${hours} h)`,
        activities: {
          account_management: 'gestión de la cuenta',
          client_meeting: 'reunión con el cliente',
          strategy: 'estrategia',
          creative: 'creatividad',
          production: 'producción',
          media: 'medios',
          research: 'investigación',
          travel: 'viaje',
          other: 'otros trabajos',
        },
      },
    },
    'zh-CN': {
      invoice: '发票',
      creditNote: '贷项通知单',
      number: '编号',
      issuedOn: '开具日期',
      dueOn: '到期日',
      billTo: '收票方',
      corrects: (number: string) => `更正发票 ${number}`,
      columns: ['工作项目', '说明', '金额'],
      mediaDetail: (gross: string, commission: string, net: string) =>
        `总额 ${gross}；代理佣金 ${commission}；支付媒体净额 ${net}`,
      subtotal: '小计（税前）',
      tax: (percent: string) => `税（${percent}）`,
      total: '合计',
      paid: '已付',
      balance: '应付余额',
      payBy: (date: string) => `请于 ${date} 前付款，并注明发票编号。`,
      emailSubject: (agency: string, kind: string, number: string) => `${agency}：${kind} ${number}`,
      emailBody: (name: string, kind: string, number: string, total: string, dueOn: string) =>
        `${name}，您好：随函附上${kind} ${number}，金额 ${total}，到期日 ${dueOn}。`,
      openDocument: '打开文件',
      preview: '草稿——尚未开具',
      previewNote: '这是该文件开具时样式的预览。编号和日期在开具时确定。',
      reminderSubject: (agency: string, number: string) => `${agency}：付款提醒，发票 ${number}`,
      reminderBody: (name: string, number: string, balance: string, dueOn: string, days: number) =>
        `${name}，您好：根据我们的记录，发票 ${number} 仍有 ${balance} 未付，到期日为 ${dueOn}（已逾期 ${days} 天）。如您已付款，谢谢，请忽略此提醒。`,
      chaseSubject: (client: string, number: string, level: number) =>
        `催收：${client}，发票 ${number}（第 ${level} 次提醒）`,
      chaseBody: (client: string, number: string, balance: string, dueOn: string) =>
        `${client} 仍欠发票 ${number} 的 ${balance}，到期日为 ${dueOn}。提醒已发送给其结算联系人，请跟进。`,
      lines: {
        stage: {
          signature: '签署时',
          delivery: '交付时',
          advance: '预付款',
          balance: '尾款',
          month: (month: string) => `${month}服务费`,
        },
        estimateLine: (lineId: string, description: string, stage: string) =>
          `${lineId} ${description}（${stage}）`,
        vendorBill: (number: string, date: string) => `供应商账单 ${number}（${date}）`,
        media: (vendor: string, month: string) => `媒介：${vendor}，${month}`,
        time: (date: string, activity: string, hours: string) => `${date}工时：${activity}（${hours} 小时）`,
        activities: {
          account_management: '客户管理',
          client_meeting: '客户会议',
          strategy: '策略',
          creative: '创意',
          production: '制作',
          media: '媒介',
          research: '调研',
          travel: '差旅',
          other: '其他工作',
        },
      },
    },
  },
);

/** Billing's refusals in plain words, by code (the detail of the problem document). */
export const billingProblems = /* @__PURE__ */ catalogue(
  {
    no_billing_terms: 'Set this client’s billing terms first (schedule, payment days, billing contact).',
    unknown_billing_contact: 'The billing contact must be an active contact of this client.',
    currency_mismatch: (currency: string) => `This client is invoiced in ${currency}: use that currency.`,
    nothing_to_bill: 'Nothing of these jobs is billable yet, or all of it has been billed.',
    too_many_lines: 'More than one invoice can hold is billable at once: draft it job by job.',
    not_a_draft: 'Only a draft can be changed; an issued invoice is corrected by a credit note.',
    empty_draft: 'A draft needs at least one line.',
    not_reviewed: 'The account executive reviews the draft before it is approved or issued.',
    needs_approval:
      'This invoice is above the client’s approval threshold: an account manager approves it first.',
    already_issued: 'This invoice has already been issued.',
    already_billed: 'Part of this draft was billed meanwhile by another invoice: draft it again.',
    not_issued: 'Only an issued invoice can be paid or corrected.',
    over_invoice: (balance: string) => `That is more than what is owed on this invoice (${balance}).`,
    over_unapplied: (unapplied: string) => `That is more than the payment has left to apply (${unapplied}).`,
    over_credit: (line: string, left: string) => `Line ${line} has only ${left} left to credit.`,
    unknown_line: (line: string) => `The invoice has no line ${line}.`,
    numbering_busy: 'Many invoices are being issued at this moment: issue it again.',
    not_sendable: 'Only an issued invoice or credit note is sent to the client: issue the draft first.',
    zero_amount: 'An amount of zero records nothing: enter the amount.',
    outstanding_out_of_range:
      'With this invoice the client would owe more than Account Desk holds: check the amounts before issuing it.',
    credit_out_of_range:
      'With this the client’s unapplied credit (payments and credit notes not yet applied) would exceed what Account Desk holds: check the amount.',
    payment_in_future:
      'A payment is recorded once the money has arrived: the day received cannot be after today.',
  },
  {
    es: {
      no_billing_terms:
        'Fije primero las condiciones de facturación de este cliente (calendario, días de pago, contacto de facturación).',
      unknown_billing_contact: 'El contacto de facturación debe ser un contacto activo de este cliente.',
      currency_mismatch: (currency: string) => `A este cliente se le factura en ${currency}: use esa moneda.`,
      nothing_to_bill: 'Aún no hay nada facturable de estas órdenes de trabajo, o ya se facturó todo.',
      too_many_lines: 'Hay más de lo que cabe en una factura: prepárela orden por orden.',
      not_a_draft:
        'Solo se puede cambiar un borrador; una factura emitida se corrige con una nota de crédito.',
      empty_draft: 'Un borrador necesita al menos una línea.',
      not_reviewed: 'El ejecutivo de cuentas revisa el borrador antes de aprobarlo o emitirlo.',
      needs_approval:
        'Esta factura supera el umbral de aprobación del cliente: primero la aprueba un gerente de cuentas.',
      already_issued: 'Esta factura ya fue emitida.',
      already_billed: 'Parte de este borrador se facturó entretanto en otra factura: prepárelo de nuevo.',
      not_issued: 'Solo una factura emitida puede pagarse o corregirse.',
      over_invoice: (balance: string) => `Es más de lo que se debe de esta factura (${balance}).`,
      over_unapplied: (unapplied: string) =>
        `Es más de lo que queda por aplicar de este pago (${unapplied}).`,
      over_credit: (line: string, left: string) => `A la línea ${line} solo le quedan ${left} por abonar.`,
      unknown_line: (line: string) => `La factura no tiene la línea ${line}.`,
      numbering_busy: 'Se están emitiendo muchas facturas en este momento: emítala de nuevo.',
      not_sendable:
        'Solo se envía al cliente una factura o nota de crédito emitida: emita primero el borrador.',
      zero_amount: 'Un importe de cero no registra nada: indique el importe.',
      outstanding_out_of_range:
        'Con esta factura el cliente debería más de lo que Account Desk admite: revise los importes antes de emitirla.',
      credit_out_of_range:
        'Con esto el saldo a favor sin aplicar del cliente (pagos y notas de crédito aún no aplicados) superaría lo que Account Desk admite: revise el importe.',
      payment_in_future:
        'Un pago se registra una vez recibido el dinero: la fecha de recepción no puede ser posterior a hoy.',
    },
    'zh-CN': {
      no_billing_terms: '请先设定该客户的结算条款（开票时点、付款天数、结算联系人）。',
      unknown_billing_contact: '结算联系人必须是该客户的在职联系人。',
      currency_mismatch: (currency: string) => `该客户以 ${currency} 开票：请使用该币种。`,
      nothing_to_bill: '这些工作项目尚无可开票内容，或已全部开票。',
      too_many_lines: '可开票内容超过一张发票的容量：请按工作项目分别起草。',
      not_a_draft: '只有草稿可以修改；已开具的发票须以贷项通知单更正。',
      empty_draft: '草稿至少需要一行。',
      not_reviewed: '客户执行须先审核草稿，才能批准或开具。',
      needs_approval: '此发票超出客户的审批额度：须先由客户经理批准。',
      already_issued: '此发票已经开具。',
      already_billed: '此草稿的部分内容已由另一张发票开具：请重新起草。',
      not_issued: '只有已开具的发票才能收款或更正。',
      over_invoice: (balance: string) => `超出此发票的应付余额（${balance}）。`,
      over_unapplied: (unapplied: string) => `超出此笔付款尚未核销的金额（${unapplied}）。`,
      over_credit: (line: string, left: string) => `第 ${line} 行仅剩 ${left} 可冲减。`,
      unknown_line: (line: string) => `发票没有第 ${line} 行。`,
      numbering_busy: '此刻正有大量发票在开具：请再开具一次。',
      not_sendable: '只有已开具的发票或贷项通知单才会发送给客户：请先开具草稿。',
      zero_amount: '金额为零不会记录任何内容：请输入金额。',
      outstanding_out_of_range:
        '开具此发票后，客户的欠款将超出 Account Desk 可记录的上限：开具前请核对金额。',
      credit_out_of_range:
        '如此一来，客户未核销的余额（尚未核销的付款和贷项通知单）将超出 Account Desk 可记录的上限：请核对金额。',
      payment_in_future: '付款须在款项到账后登记：收款日期不能晚于今天。',
    },
  },
);
