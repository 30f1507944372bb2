import { catalogue } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';
import type { Action } from './authority.js';
import { roleLabel, type StaffRole } from './roles.js';

/**
 * Who may do what, in the trade's words (never an action code or a role key): the detail of a
 * refusal by the role table, in the reader's language.
 */
export const whoMayWords = /* @__PURE__ */ catalogue<Record<Action, string>>(
  {
    'staff.manage': 'Only the head of account services may appoint staff or change their roles.',
    'client.create': 'Only an account director or above may take on a new client.',
    'client.update': "Only an account executive or above may change a client's details.",
    'contact.manage': "Only an account executive or above may add or change the client's contacts.",
    'brand.manage': 'Only an account manager or above may add or change brands.',
    'team.manage': "Only an account director or above may staff a client's account team.",
    'job.open': 'Only an account executive or above may open a job.',
    'job.update':
      "Only an account executive or above may change a job's title, description or budget; the traffic coordinator may only reschedule it.",
    'job.reschedule': 'Only an account executive or above, or the traffic coordinator, may reschedule a job.',
    'job.changeStatus': "Only an account executive or above may change a job's status.",
    'job.reassign': 'Only an account manager or above may hand a job to another owner.',
    'draft.manage': 'Only the account team, the creative team or production may upload and change drafts.',
    'review.start': 'Only the account team, from the account representative up, may send work to review.',
    'review.decide':
      'Only an account manager or above, or the media team for media plans, may approve work for the agency; an account representative never decides.',
    'confirmation.record': "Only an account executive or above may record a client's written confirmation.",
    'workflow.manage': 'Only an account executive or above may cancel or restart a review or a media chain.',
    'media.plan':
      'Only the media team, or an account executive or above, may draw up media briefs and plans.',
    'media.book':
      'Only the media team, or an account executive or above, may book media and follow its orders, materials and monitoring.',
    'competitive.record':
      'Only an assistant account executive or above, or the media or planning team, may record competitive activity or cite it in a brief.',
    'pitch.manage': 'Only an account director or above may take on a pitch for new business.',
    'pitch.decideConflict':
      "Only the head of account services decides whether a prospect that competes with a client's business is referred elsewhere or pitched.",
    'estimate.manage':
      'Only an account executive or above, or production, may draw up and revise cost estimates.',
    'minutes.write':
      'Only the account team, from the account representative up, may write meeting minutes and call reports.',
    'minutes.manage':
      'Only the reporter, or an account executive or above, may change or issue these minutes or report their next steps.',
    'statusReport.schedule':
      "Only an account manager or above may set how often the client's status report is made.",
    'vendor.propose': 'Only an account executive or above may propose a supplier for the vendor register.',
    'vendor.approve': 'Only an account director or above may approve a supplier for the vendor register.',
    'spend.commit':
      "Only an account executive or above may approve spend with a vendor: purchase orders are the brand's AE's to sign.",
    'bill.record': "Only an account executive or above, or finance, may record a vendor's bill.",
    'budget.forecast':
      "Only an account executive or above may forecast a brand's spend or explain a reconciliation's variances.",
    'rates.cost': 'Only the head of account services may set what an hour of each role costs.',
    'rates.bill': "Only an account manager or above may set a client's hourly bill rates.",
    'profit.view': "Only an account manager or above may see a client's or a job's profit.",
    'profit.report': "Only the head of account services may see the agency's monthly profitability report.",

    'spend.commitOnCreditHold':
      'Only an account director or above may place new spend for a client over its credit limit or with invoices 60 or more days overdue.',
    'billing.terms': "Only an account manager or above may set a client's billing terms.",
    'invoice.draft': 'Only an account executive or above, or finance, may draft an invoice or a credit note.',
    'invoice.review': 'Only an account executive or above may review a draft invoice.',
    'invoice.approve':
      'Only an account manager or above may approve an invoice above the client’s approval threshold.',
    'invoice.issue': 'Only an account executive or above, or finance, may issue an invoice or a credit note.',
    'payment.record':
      "Only an account executive or above, or finance, may record or apply a client's payment.",
  },
  {
    es: {
      'staff.manage': 'Solo el director general de cuentas puede nombrar personal o cambiar sus funciones.',
      'client.create': 'Solo un director de cuentas o superior puede incorporar un cliente nuevo.',
      'client.update': 'Solo un ejecutivo de cuentas o superior puede cambiar los datos de un cliente.',
      'contact.manage':
        'Solo un ejecutivo de cuentas o superior puede añadir o cambiar los contactos del cliente.',
      'brand.manage': 'Solo un gerente de cuentas o superior puede añadir o cambiar marcas.',
      'team.manage': 'Solo un director de cuentas o superior puede formar el equipo de cuenta de un cliente.',
      'job.open': 'Solo un ejecutivo de cuentas o superior puede abrir una orden de trabajo.',
      'job.update':
        'Solo un ejecutivo de cuentas o superior puede cambiar el título, la descripción o el presupuesto de una orden de trabajo; el coordinador de tráfico solo puede reprogramarla.',
      'job.reschedule':
        'Solo un ejecutivo de cuentas o superior, o el coordinador de tráfico, puede reprogramar una orden de trabajo.',
      'job.changeStatus':
        'Solo un ejecutivo de cuentas o superior puede cambiar el estado de una orden de trabajo.',
      'job.reassign':
        'Solo un gerente de cuentas o superior puede pasar una orden de trabajo a otro responsable.',
      'draft.manage':
        'Solo el equipo de cuenta, el equipo creativo o producción pueden subir y cambiar bocetos.',
      'review.start':
        'Solo el equipo de cuenta, desde el representante de cuentas hacia arriba, puede enviar trabajo a revisión.',
      'review.decide':
        'Solo un gerente de cuentas o superior, o el equipo de medios para los planes de medios, puede aprobar trabajo por la agencia; un representante de cuentas nunca decide.',
      'confirmation.record':
        'Solo un ejecutivo de cuentas o superior puede registrar la confirmación por escrito de un cliente.',
      'workflow.manage':
        'Solo un ejecutivo de cuentas o superior puede cancelar o reanudar una revisión o una cadena de medios.',
      'media.plan':
        'Solo el equipo de medios, o un ejecutivo de cuentas o superior, puede preparar briefs y planes de medios.',
      'media.book':
        'Solo el equipo de medios, o un ejecutivo de cuentas o superior, puede reservar medios y seguir sus órdenes, materiales y monitoreo.',
      'competitive.record':
        'Solo un ejecutivo de cuentas asistente o superior, o el equipo de medios o de planificación, puede registrar actividad de la competencia o citarla en un brief.',
      'pitch.manage': 'Solo un director de cuentas o superior puede asumir un concurso para nuevo negocio.',
      'pitch.decideConflict':
        'Solo el director general de cuentas decide si un prospecto que compite con el negocio de un cliente se remite a otra agencia o se presenta.',
      'estimate.manage':
        'Solo un ejecutivo de cuentas o superior, o producción, puede preparar y revisar presupuestos de costos.',
      'minutes.write':
        'Solo el equipo de cuenta, desde el representante de cuentas en adelante, puede redactar actas de reunión e informes de llamadas.',
      'minutes.manage':
        'Solo quien redactó el acta, o un ejecutivo de cuentas o superior, puede cambiar o emitir esta acta o informar de sus próximos pasos.',
      'statusReport.schedule':
        'Solo un gerente de cuentas o superior puede fijar cada cuánto se hace el informe de estado del cliente.',
      'vendor.propose':
        'Solo un ejecutivo de cuentas o superior puede proponer un proveedor para el registro de proveedores.',
      'vendor.approve':
        'Solo un director de cuentas o superior puede aprobar un proveedor para el registro de proveedores.',
      'spend.commit':
        'Solo un ejecutivo de cuentas o superior puede aprobar gastos con un proveedor: las órdenes de compra las firma el ejecutivo de la marca.',
      'bill.record':
        'Solo un ejecutivo de cuentas o superior, o finanzas, puede registrar la factura de un proveedor.',
      'budget.forecast':
        'Solo un ejecutivo de cuentas o superior puede prever el gasto de una marca o explicar las desviaciones de una conciliación.',
      'rates.cost': 'Solo el director general de cuentas puede fijar el costo de una hora de cada función.',
      'rates.bill': 'Solo un gerente de cuentas o superior puede fijar las tarifas por hora de un cliente.',
      'profit.view':
        'Solo un gerente de cuentas o superior puede ver la rentabilidad de un cliente o de un trabajo.',
      'profit.report':
        'Solo el director general de cuentas puede ver el informe mensual de rentabilidad de la agencia.',

      'spend.commitOnCreditHold':
        'Solo un director de cuentas o superior puede comprometer gastos nuevos para un cliente que supera su límite de crédito o tiene facturas vencidas hace 60 días o más.',
      'billing.terms':
        'Solo un gerente de cuentas o superior puede fijar las condiciones de facturación de un cliente.',
      'invoice.draft':
        'Solo un ejecutivo de cuentas o superior, o finanzas, puede preparar una factura o una nota de crédito.',
      'invoice.review': 'Solo un ejecutivo de cuentas o superior puede revisar un borrador de factura.',
      'invoice.approve':
        'Solo un gerente de cuentas o superior puede aprobar una factura por encima del umbral de aprobación del cliente.',
      'invoice.issue':
        'Solo un ejecutivo de cuentas o superior, o finanzas, puede emitir una factura o una nota de crédito.',
      'payment.record':
        'Solo un ejecutivo de cuentas o superior, o finanzas, puede registrar o aplicar un pago del cliente.',
    },
    'zh-CN': {
      'staff.manage': '只有客户服务部部长可以任命员工或更改其职位。',
      'client.create': '只有客户总监及以上可以接新客户。',
      'client.update': '只有客户执行及以上可以更改客户资料。',
      'contact.manage': '只有客户执行及以上可以添加或更改客户的联系人。',
      'brand.manage': '只有客户经理及以上可以添加或更改品牌。',
      'team.manage': '只有客户总监及以上可以为客户配备客户小组。',
      'job.open': '只有客户执行及以上可以开立工作项目。',
      'job.update': '只有客户执行及以上可以更改工作项目的标题、说明或预算；流程协调只能调整其日程。',
      'job.reschedule': '只有客户执行及以上或流程协调可以调整工作项目的日程。',
      'job.changeStatus': '只有客户执行及以上可以更改工作项目的状态。',
      'job.reassign': '只有客户经理及以上可以把工作项目转交给其他负责人。',
      'draft.manage': '只有客户小组、创意团队或制作部门可以上传和更改创意稿。',
      'review.start': '只有客户小组（业务员及以上）可以把工作提交审核。',
      'review.decide': '只有客户经理及以上（媒介计划则为媒介团队）可以代表公司批准工作；业务员从不做决定。',
      'confirmation.record': '只有客户执行及以上可以登记客户的书面确认。',
      'workflow.manage': '只有客户执行及以上可以取消或重启审核或媒介流程。',
      'media.plan': '只有媒介团队或客户执行及以上可以拟定媒介简报和计划。',
      'media.book': '只有媒介团队或客户执行及以上可以订购媒介并跟进其订单、素材和监测。',
      'competitive.record': '只有助理客户执行及以上，或媒介、策划团队，可以记录竞争活动或在简报中引用。',
      'pitch.manage': '只有客户总监及以上可以承接新业务比稿。',
      'pitch.decideConflict':
        '只有客户服务部部长可以决定与现有客户业务冲突的潜在客户是转介他处还是参与比稿。',
      'estimate.manage': '只有客户执行及以上或制作部可以编制和修改费用预算。',
      'minutes.write': '只有客户代表及以上的客户小组成员可以撰写会议纪要和电话记录。',
      'minutes.manage': '只有纪要撰写人或客户执行及以上可以修改或发出此纪要，或更新其后续行动。',
      'statusReport.schedule': '只有客户经理及以上可以设定客户状态报告的频率。',
      'vendor.propose': '只有客户执行及以上可以向供应商名录推荐供应商。',
      'vendor.approve': '只有客户总监及以上可以批准供应商进入供应商名录。',
      'spend.commit': '只有客户执行及以上可以批准与供应商的支出：采购单由品牌的客户执行签署。',
      'bill.record': '只有客户执行及以上或财务部可以登记供应商账单。',
      'budget.forecast': '只有客户执行及以上可以预测品牌支出或说明对账差异。',
      'rates.cost': '只有客户服务部部长可以设定各职位每小时的成本。',
      'rates.bill': '只有客户经理及以上可以设定客户的小时收费标准。',
      'profit.view': '只有客户经理及以上可以查看客户或工作的利润。',
      'profit.report': '只有客户服务部部长可以查看公司的月度盈利分析报告。',

      'spend.commitOnCreditHold':
        '只有客户总监及以上可以为超出信用额度或有逾期 60 天以上发票的客户新增支出。',
      'billing.terms': '只有客户经理及以上可以设定客户的结算条款。',
      'invoice.draft': '只有客户执行及以上或财务部可以起草发票或贷项通知单。',
      'invoice.review': '只有客户执行及以上可以审核发票草稿。',
      'invoice.approve': '只有客户经理及以上可以批准超出客户审批额度的发票。',
      'invoice.issue': '只有客户执行及以上或财务部可以开具发票或贷项通知单。',
      'payment.record': '只有客户执行及以上或财务部可以登记或核销客户付款。',
    },
  },
);

/** A role as each language names it: the agency's own words, never the key (English: `roleLabel`). */
export const roleWords = /* @__PURE__ */ catalogue<Record<StaffRole, string>>(roleLabel, {
  es: {
    head_of_accounts: 'director general de cuentas',
    group_account_director: 'director de grupo de cuentas',
    account_director: 'director de cuentas',
    account_manager: 'gerente de cuentas',
    account_executive: 'ejecutivo de cuentas',
    assistant_account_executive: 'asistente de ejecutivo de cuentas',
    account_rep: 'representante de cuentas',
    traffic_coordinator: 'coordinador de tráfico',
    creative: 'equipo creativo',
    media: 'equipo de medios',
    planning: 'equipo de planificación',
    production: 'equipo de producción',
    finance: 'equipo de finanzas',
  },
  'zh-CN': {
    head_of_accounts: '客户服务部部长',
    group_account_director: '客户群总监',
    account_director: '客户总监',
    account_manager: '客户经理',
    account_executive: '客户执行',
    assistant_account_executive: '客户执行助理',
    account_rep: '业务员',
    traffic_coordinator: '流程协调',
    creative: '创意部',
    media: '媒介部',
    planning: '策划部',
    production: '制作部',
    finance: '财务部',
  },
});

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const accountsRefusalWords: RefusalWords = {
  es: {
    duplicate_email: 'Ya hay alguien registrado con este correo.',
    last_head_of_accounts: 'La agencia debe conservar al menos un director general de cuentas activo.',
    has_direct_reports: 'Otras personas aún dependen de esta persona: reasígnelas primero.',
    reporting_line_conflict: 'Este cambio rompería la línea jerárquica de alguien: reasígnelo primero.',
    invalid_reporting_line: 'Esa línea jerárquica no sigue la jerarquía de cuentas.',
    // Staff, clients, jobs.
    unknown_manager: 'El superior indicado no es un miembro activo del personal.',
  },
  'zh-CN': {
    duplicate_email: '该电子邮件已被登记。',
    last_head_of_accounts: '公司必须至少保留一位在职的客户服务部部长。',
    has_direct_reports: '仍有人向此人汇报：请先为他们调整汇报关系。',
    reporting_line_conflict: '此更改会破坏某人的汇报关系：请先调整。',
    invalid_reporting_line: '该汇报关系不符合客户部的层级。',
    // Staff, clients, jobs.
    unknown_manager: '指定的上级不是在职员工。',
  },
};
