import type { Language } from '../../shared/platform/i18n.js';

const en = {
  decisions: {
    approve: 'Approve',
    approve_with_changes: 'Approve with changes',
    request_changes: 'Request changes',
    reject: 'Reject',
  },
  facts: {
    client: 'Client',
    job: 'Job',
    step: 'Step',
    requestedBy: 'Requested by',
    deadline: 'Deadline',
    file: 'File',
    note: 'Note',
    version: 'version',
  },
  notices: {
    notUnderstoodTitle: 'Not understood',
    notUnderstood: 'Choose a decision on the page and submit it again.',
    notAcceptedTitle: 'Not accepted',
    otherOrigin: 'Decisions are accepted only from the approval page itself.',
    tooManyTitle: 'Too many attempts',
    busyTitle: 'Busy right now',
    failedTitle: 'Something went wrong',
    failed: 'Nothing was recorded. Please try again in a moment.',
  },
  asks: (agency: string) => `${agency} asks for your approval`,
  dear: (name: string) => `Dear ${name}, please review exactly this version and decide.`,
  approvalOf: (title: string) => `Approval: ${title}`,
  previewOf: (title: string, version: number) => `Preview of ${title}, version ${version}`,
  openFile: 'Open the file',
  downloadFile: 'Download the file',
  linkShortLived: '(the link works for a few minutes; reload this page for a new one)',
  yourDecision: 'Your decision',
  comment: 'Comment (optional)',
  submit: 'Submit decision',
  decided: {
    approve: 'Approved',
    approve_with_changes: 'Approved with changes',
    request_changes: 'Changes requested',
    reject: 'Rejected',
  },
  recordedTitle: 'Decision recorded',
  recorded: (decision: string, at: string) => `${decision}, recorded ${at}.`,
  used: (agency: string) => `This link has been used. Thank you — ${agency}.`,
  supersededTitle: 'This version has been superseded',
  superseded: (title: string, version: number) =>
    `A newer version of “${title}” has been prepared, so version ${version} can no longer be approved. A link to the new version will be sent to you when it is ready for your review.`,
  closedTitle: 'This approval is closed',
  closed: (title: string, version: number) =>
    `The review of “${title}”, version ${version}, was settled without this link (another approver decided, or the deadline passed). Nothing more is needed from you here.`,
  onHoldTitle: 'This approval is on hold',
  onHold: (title: string, version: number, agency: string) =>
    `The review of “${title}”, version ${version}, is paused at ${agency} for a moment, so no decision can be recorded now — nothing you send here is recorded. They have been told; when the review resumes you will receive a fresh link to decide.`,
  invalidTitle: 'This link is not valid or has expired',
  invalid:
    'If it came to you in an email and has expired, we can send a fresh one to the address it was sent to.',
  renew: 'Send me a fresh link',
  renewedTitle: 'Fresh link requested',
  renewed:
    'If this link was sent to you and its approval is still open, a fresh link is on its way to the address it was sent to.',
};

export type PageMessages = typeof en;

/**
 * What the client's approval page itself says, in each language the agency's documents are written
 * in; the domain's words on it (steps, what is approved, what each choice leads to) come from the
 * sign-off engine's catalogue (`shared/signoff/messages.ts`).
 */
export const pageMessages: Record<Language, PageMessages> = {
  en,
  es: {
    decisions: {
      approve: 'Aprobar',
      approve_with_changes: 'Aprobar con cambios',
      request_changes: 'Solicitar cambios',
      reject: 'Rechazar',
    },
    facts: {
      client: 'Cliente',
      job: 'Orden de trabajo',
      step: 'Paso',
      requestedBy: 'Solicitado por',
      deadline: 'Plazo',
      file: 'Archivo',
      note: 'Nota',
      version: 'versión',
    },
    notices: {
      notUnderstoodTitle: 'No se entendió',
      notUnderstood: 'Elija una decisión en la página y envíela de nuevo.',
      notAcceptedTitle: 'No aceptado',
      otherOrigin: 'Las decisiones solo se aceptan desde la propia página de aprobación.',
      tooManyTitle: 'Demasiados intentos',
      busyTitle: 'Ocupados en este momento',
      failedTitle: 'Algo salió mal',
      failed: 'No se registró nada. Inténtelo de nuevo en un momento.',
    },
    asks: (agency: string) => `${agency} solicita su aprobación`,
    dear: (name: string) => `Estimado/a ${name}: revise exactamente esta versión y decida.`,
    approvalOf: (title: string) => `Aprobación: ${title}`,
    previewOf: (title: string, version: number) => `Vista previa de ${title}, versión ${version}`,
    openFile: 'Abrir el archivo',
    downloadFile: 'Descargar el archivo',
    linkShortLived: '(el enlace funciona unos minutos; recargue esta página para obtener otro)',
    yourDecision: 'Su decisión',
    comment: 'Comentario (opcional)',
    submit: 'Enviar la decisión',
    decided: {
      approve: 'Aprobado',
      approve_with_changes: 'Aprobado con cambios',
      request_changes: 'Cambios solicitados',
      reject: 'Rechazado',
    },
    recordedTitle: 'Decisión registrada',
    recorded: (decision: string, at: string) => `${decision}: decisión registrada el ${at}.`,
    used: (agency: string) => `Este enlace ya se utilizó. Gracias — ${agency}.`,
    supersededTitle: 'Esta versión ha sido sustituida',
    superseded: (title: string, version: number) =>
      `Se ha preparado una versión más reciente de «${title}», por lo que la versión ${version} ya no puede aprobarse. Le enviaremos un enlace a la nueva versión cuando esté lista para su revisión.`,
    closedTitle: 'Esta aprobación está cerrada',
    closed: (title: string, version: number) =>
      `La revisión de «${title}», versión ${version}, se resolvió sin este enlace (decidió otro aprobador o venció el plazo). No necesitamos nada más de usted aquí.`,
    onHoldTitle: 'Esta aprobación está en pausa',
    onHold: (title: string, version: number, agency: string) =>
      `La revisión de «${title}», versión ${version}, está detenida un momento en ${agency}, así que ahora no puede registrarse ninguna decisión: nada de lo que envíe aquí se registra. Ya lo saben; cuando la revisión se reanude recibirá un enlace nuevo para decidir.`,
    invalidTitle: 'Este enlace no es válido o ha caducado',
    invalid:
      'Si le llegó por correo y ha caducado, podemos enviar uno nuevo a la dirección a la que se envió.',
    renew: 'Enviarme un enlace nuevo',
    renewedTitle: 'Enlace nuevo solicitado',
    renewed:
      'Si este enlace se le envió a usted y su aprobación sigue abierta, un enlace nuevo va de camino a la dirección a la que se envió.',
  },
  'zh-CN': {
    decisions: {
      approve: '批准',
      approve_with_changes: '修改后批准',
      request_changes: '要求修改',
      reject: '拒绝',
    },
    facts: {
      client: '客户',
      job: '工作项目',
      step: '步骤',
      requestedBy: '提交人',
      deadline: '截止时间',
      file: '文件',
      note: '说明',
      version: '版本',
    },
    notices: {
      notUnderstoodTitle: '无法识别',
      notUnderstood: '请在页面上选择一个决定后重新提交。',
      notAcceptedTitle: '未被接受',
      otherOrigin: '只接受从审批页面本身提交的决定。',
      tooManyTitle: '尝试次数过多',
      busyTitle: '系统繁忙',
      failedTitle: '出现问题',
      failed: '未记录任何内容。请稍后重试。',
    },
    asks: (agency: string) => `${agency} 请您审批`,
    dear: (name: string) => `${name}，您好：请审阅此确切版本并做出决定。`,
    approvalOf: (title: string) => `审批：${title}`,
    previewOf: (title: string, version: number) => `${title} 第 ${version} 版预览`,
    openFile: '打开文件',
    downloadFile: '下载文件',
    linkShortLived: '（链接几分钟内有效；重新加载本页可获取新链接）',
    yourDecision: '您的决定',
    comment: '意见（可选）',
    submit: '提交决定',
    decided: {
      approve: '已批准',
      approve_with_changes: '已批准（附修改意见）',
      request_changes: '已要求修改',
      reject: '已拒绝',
    },
    recordedTitle: '决定已记录',
    recorded: (decision: string, at: string) => `${decision}，记录于 ${at}。`,
    used: (agency: string) => `此链接已使用。谢谢——${agency}。`,
    supersededTitle: '此版本已被取代',
    superseded: (title: string, version: number) =>
      `“${title}”已有更新的版本，第 ${version} 版不能再批准。新版本准备好后，我们会把链接发给您审阅。`,
    closedTitle: '此审批已关闭',
    closed: (title: string, version: number) =>
      `“${title}”第 ${version} 版的审核已在没有此链接的情况下完成（其他审批人已做决定，或已过截止时间）。您无需再做任何事。`,
    onHoldTitle: '此审批已暂停',
    onHold: (title: string, version: number, agency: string) =>
      `“${title}”第 ${version} 版的审核在${agency}暂时中止，目前无法记录任何决定——您在此提交的内容不会被记录。对方已知悉；审核恢复后，您会收到新的链接来做决定。`,
    invalidTitle: '此链接无效或已过期',
    invalid: '如果链接来自邮件且已过期，我们可以向原收件地址发送新链接。',
    renew: '给我发送新链接',
    renewedTitle: '已申请新链接',
    renewed: '如果此链接是发给您的且审批仍在进行，新链接已发往原收件地址。',
  },
};
