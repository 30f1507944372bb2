import { catalogue } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';
import type { ReviewTitleKind, Stage, SubjectType } from './schemas.js';

type Kind = 'request' | 'reminder' | 'overdue';

/**
 * What the sign-off engine writes to people — approval requests, reminders and overdue notices,
 * what each choice on the approval page leads to — in each reader's language. A client contact
 * reads it in their language, a staff member in theirs.
 */
export const signOffWords = /* @__PURE__ */ catalogue(
  {
    stages: {
      internal: 'internal review',
      client: 'client review',
      final_artwork: 'final artwork approval',
      revision: 'revision by the creative team',
    } as Record<Stage, string>,
    notOpened: 'not opened yet',
    nouns: {
      draft: 'Draft',
      media_plan: 'Media plan',
      brief: 'Brief',
      timetable: 'Timetable',
      estimate: 'Estimate and timetable',
    } as Record<SubjectType, string>,
    /** Who makes a new version when changes are requested. */
    makers: {
      draft: 'the creative team',
      media_plan: 'the media team',
      brief: 'the account team',
      timetable: 'traffic and the account team',
      estimate: 'the account team and production',
    } as Record<SubjectType, string>,
    theAccountTeam: 'the account team',
    /** Each step's emails have their own subject line, so an approver tells the steps apart in their inbox. */
    subjectLines: {
      internal: {
        request: 'Internal review requested',
        reminder: 'Reminder: internal review due',
        overdue: 'Overdue: internal review needed',
      },
      client: {
        request: 'Approval requested',
        reminder: 'Reminder: approval due',
        overdue: 'Overdue: approval needed',
      },
      final_artwork: {
        request: 'Final artwork approval requested',
        reminder: 'Reminder: final artwork approval due',
        overdue: 'Overdue: final artwork approval needed',
      },
      revision: {
        request: 'Revision requested',
        reminder: 'Reminder: revision due',
        overdue: 'Overdue: revision needed',
      },
    } as Record<Stage, Record<Kind, string>>,
    intro: {
      request: (requester: string) => `${requester} asks for your decision on the item below.`,
      reminder: () => 'A reminder: your decision on the item below is due soon.',
      overdue: () => 'Your decision on the item below is overdue; the deadline has been extended once.',
    } as Record<Kind, (requester: string) => string>,
    contact: {
      greeting: (name: string) => `Dear ${name},`,
      howToDecide:
        'The link opens a page showing exactly this version; you can approve, approve with changes, request changes or reject it there, with a comment. The link is for you alone and works once.',
      action: 'Review and decide',
    },
    staff: {
      greeting: (name: string) => `Hello ${name},`,
      howToDecide:
        'Open it in Account Desk to see exactly this version and approve, approve with changes, request changes or reject it; everything waiting for you is under My work.',
      action: 'Open the approval',
      chainAction: 'Open its approvals',
    },
    choices: {
      waitsForOthers: 'This happens once every approver asked has approved.',
      back: (makers: string) =>
        `It goes back to ${makers} with your comment; nothing of this version goes ahead, and you will be asked to approve the new version.`,
      approveWithChanges: (back: string) => `You approve on condition of your changes. ${back}`,
      requestChanges: (back: string) => `You ask for changes. ${back}`,
      reject:
        'The review ends here: this version goes no further, and the account team will contact you about what comes next.',
    },
  },
  {
    es: {
      stages: {
        internal: 'revisión interna',
        client: 'revisión del cliente',
        final_artwork: 'aprobación del arte final',
        revision: 'corrección del equipo creativo',
      },
      notOpened: 'aún no abierto',
      nouns: {
        draft: 'Boceto',
        media_plan: 'Plan de medios',
        brief: 'Brief',
        timetable: 'Cronograma',
        estimate: 'Presupuesto y cronograma',
      },
      // Said after "vuelve" (goes back to): with its preposition, "al" contracted.
      makers: {
        draft: 'al equipo creativo',
        media_plan: 'al equipo de medios',
        brief: 'al equipo de cuenta',
        timetable: 'a tráfico y al equipo de cuenta',
        estimate: 'al equipo de cuenta y a producción',
      },
      theAccountTeam: 'el equipo de cuenta',
      subjectLines: {
        internal: {
          request: 'Revisión interna solicitada',
          reminder: 'Recordatorio: revisión interna pendiente',
          overdue: 'Vencido: se necesita la revisión interna',
        },
        client: {
          request: 'Aprobación solicitada',
          reminder: 'Recordatorio: aprobación pendiente',
          overdue: 'Vencido: se necesita su aprobación',
        },
        final_artwork: {
          request: 'Aprobación del arte final solicitada',
          reminder: 'Recordatorio: aprobación del arte final pendiente',
          overdue: 'Vencido: se necesita la aprobación del arte final',
        },
        revision: {
          request: 'Corrección solicitada',
          reminder: 'Recordatorio: corrección pendiente',
          overdue: 'Vencido: se necesita la corrección',
        },
      },
      intro: {
        request: (requester: string) => `${requester} le pide su decisión sobre lo que se indica abajo.`,
        reminder: () => 'Un recordatorio: su decisión sobre lo que se indica abajo vence pronto.',
        overdue: () =>
          'Su decisión sobre lo que se indica abajo está vencida; el plazo se ha ampliado una vez.',
      },
      contact: {
        greeting: (name: string) => `Estimado/a ${name}:`,
        howToDecide:
          'El enlace abre una página que muestra exactamente esta versión; allí puede aprobarla, aprobarla con cambios, solicitar cambios o rechazarla, con un comentario. El enlace es solo para usted y funciona una vez.',
        action: 'Revisar y decidir',
      },
      staff: {
        greeting: (name: string) => `Hola, ${name}:`,
        howToDecide:
          'Ábralo en Account Desk para ver exactamente esta versión y aprobarla, aprobarla con cambios, solicitar cambios o rechazarla; todo lo que le espera está en Mi trabajo.',
        action: 'Abrir la aprobación',
        chainAction: 'Abrir sus aprobaciones',
      },
      choices: {
        waitsForOthers: 'Esto ocurre cuando todos los aprobadores consultados hayan aprobado.',
        back: (makers: string) =>
          `Vuelve ${makers} con su comentario; nada de esta versión sigue adelante, y se le pedirá que apruebe la nueva versión.`,
        approveWithChanges: (back: string) => `Usted aprueba con la condición de sus cambios. ${back}`,
        requestChanges: (back: string) => `Usted pide cambios. ${back}`,
        reject:
          'La revisión termina aquí: esta versión no sigue adelante, y el equipo de cuenta se pondrá en contacto con usted sobre los pasos siguientes.',
      },
    },
    'zh-CN': {
      stages: {
        internal: '内部审核',
        client: '客户审核',
        final_artwork: '完稿确认',
        revision: '创意团队修改',
      },
      notOpened: '尚未开始',
      nouns: {
        draft: '创意稿',
        media_plan: '媒介计划',
        brief: '简报',
        timetable: '工作时间表',
        estimate: '估价与工作时间表',
      },
      makers: {
        draft: '创意团队',
        media_plan: '媒介团队',
        brief: '客户小组',
        timetable: '流程协调和客户小组',
        estimate: '客户小组和制作部',
      },
      theAccountTeam: '客户小组',
      subjectLines: {
        internal: {
          request: '请进行内部审核',
          reminder: '提醒：内部审核即将到期',
          overdue: '已逾期：需要内部审核',
        },
        client: { request: '请您审批', reminder: '提醒：审批即将到期', overdue: '已逾期：需要您的审批' },
        final_artwork: {
          request: '请确认完稿',
          reminder: '提醒：完稿确认即将到期',
          overdue: '已逾期：需要完稿确认',
        },
        revision: { request: '请进行修改', reminder: '提醒：修改即将到期', overdue: '已逾期：需要修改' },
      },
      intro: {
        request: (requester: string) => `${requester} 请您对以下内容做出决定。`,
        reminder: () => '提醒：您对以下内容的决定即将到期。',
        overdue: () => '您对以下内容的决定已逾期；截止时间已延长一次。',
      },
      contact: {
        greeting: (name: string) => `${name}，您好：`,
        howToDecide:
          '链接会打开一个页面，准确显示此版本；您可以在那里批准、修改后批准、要求修改或拒绝，并附上意见。此链接仅供您本人使用，且只能使用一次。',
        action: '审阅并决定',
      },
      staff: {
        greeting: (name: string) => `${name}，您好：`,
        howToDecide:
          '请在 Account Desk 中打开，查看此确切版本并批准、修改后批准、要求修改或拒绝；所有等待您处理的事项都在“我的工作”中。',
        action: '打开审批',
        chainAction: '打开其审批记录',
      },
      choices: {
        waitsForOthers: '所有被邀请的审批人都批准后才会生效。',
        back: (makers: string) => `连同您的意见退回${makers}；此版本不会继续推进，新版本完成后会再请您审批。`,
        approveWithChanges: (back: string) => `您在做出修改的条件下批准。${back}`,
        requestChanges: (back: string) => `您要求修改。${back}`,
        reject: '审核到此结束：此版本不再推进，客户小组会就后续安排与您联系。',
      },
    },
  },
);

/**
 * A review's title in the reader's language, from its parts: the kind of thing under review and
 * its own name (which stays as its author wrote it).
 */
export const reviewTitleWords = /* @__PURE__ */ catalogue(
  {
    draft: (name: string, _of: string) => name,
    estimate: (name: string, _of: string) => `Estimate: ${name}`,
    change_order: (name: string, _of: string) => `Change order: ${name}`,
    timetable: (name: string, _of: string) => `Timetable — ${name}`,
    media_plan: (name: string, of: string) => (of ? `${name} — ${of}` : name),
    client_brief: (name: string, _of: string) => `Client brief: ${name}`,
    creative_brief: (name: string, _of: string) => `Creative brief: ${name}`,
    media_brief: (name: string, _of: string) => `Media brief: ${name}`,
    research_brief: (name: string, _of: string) => `Research brief: ${name}`,
  } as Record<ReviewTitleKind, (name: string, of: string) => string>,
  {
    es: {
      draft: (name: string, _of: string) => name,
      estimate: (name: string, _of: string) => `Presupuesto: ${name}`,
      change_order: (name: string, _of: string) => `Orden de cambio: ${name}`,
      timetable: (name: string, _of: string) => `Calendario — ${name}`,
      media_plan: (name: string, of: string) => (of ? `${name} — ${of}` : name),
      client_brief: (name: string, _of: string) => `Brief del cliente: ${name}`,
      creative_brief: (name: string, _of: string) => `Brief creativo: ${name}`,
      media_brief: (name: string, _of: string) => `Brief de medios: ${name}`,
      research_brief: (name: string, _of: string) => `Brief de investigación: ${name}`,
    },
    'zh-CN': {
      draft: (name: string, _of: string) => name,
      estimate: (name: string, _of: string) => `估价：${name}`,
      change_order: (name: string, _of: string) => `变更单：${name}`,
      timetable: (name: string, _of: string) => `时间表 — ${name}`,
      media_plan: (name: string, of: string) => (of ? `${name} — ${of}` : name),
      client_brief: (name: string, _of: string) => `客户简报：${name}`,
      creative_brief: (name: string, _of: string) => `创意简报：${name}`,
      media_brief: (name: string, _of: string) => `媒介简报：${name}`,
      research_brief: (name: string, _of: string) => `调研简报：${name}`,
    },
  },
);

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const signoffRefusalWords: RefusalWords = {
  es: {
    approval_closed: 'Esta aprobación se cerró: el paso se resolvió sin ella.',
    no_internal_reviewer: 'El equipo de cuenta no tiene a nadie que pueda revisarlo internamente.',
    no_client_approver: 'Ningún contacto del cliente está registrado para aprobar esto.',
    no_client_approval_pending: 'Esta versión no está esperando la confirmación del cliente.',
    step_settled: 'Este paso ya está resuelto.',
    review_ended: 'Esta revisión ya terminó: no hay nada que cancelar.',
    review_not_failed:
      'Esta revisión no se ha detenido: no hay nada que reanudar. Si ya terminó, inicie una revisión nueva.',
    review_on_hold:
      'No se registró nada: esta revisión se detuvo y está en espera. Un ejecutivo de cuentas o superior puede reanudarla desde el paso en que estaba, o cancelarla e iniciar una nueva.',
    not_an_approver: 'Ese contacto no es uno de los aprobadores de este paso.',
    not_a_confirmation_document:
      'Una confirmación escrita es el PDF firmado por el cliente o su correo guardado como archivo (.eml): suba uno de esos.',
    no_countersigner:
      'Nadie del equipo de cuenta puede contrafirmar lo que usted registra: añada al equipo a un director de cuentas (o a alguien de quien usted dependa), o pídale que lo registre.',
    already_recorded: 'Otra persona registró esta confirmación escrita al mismo tiempo.',
    not_recorded: 'Esta confirmación escrita aún no está registrada: termine primero de subir el documento.',
    not_recorded_yet: 'Aún no hay nada que contrafirmar: el documento no se ha subido ni registrado.',
    already_settled: 'Esta confirmación escrita ya fue contrafirmada o rechazada.',
  },
  'zh-CN': {
    approval_closed: '此审批已关闭：该步骤已在没有它的情况下完成。',
    no_internal_reviewer: '客户小组中没有可以进行内部审核的人。',
    no_client_approver: '客户方没有登记可以批准此项的联系人。',
    no_client_approval_pending: '此版本没有在等待客户确认。',
    step_settled: '此步骤已经完成。',
    review_ended: '此审核已结束：没有可取消的内容。',
    review_not_failed: '此审核并未中断：无需重新开始。如已结束，请发起新的审核。',
    review_on_hold:
      '未记录任何内容：此审核已中断，正在暂停。客户执行及以上可以从中断的步骤重新开始，或取消后发起新的审核。',
    not_an_approver: '该联系人不是此步骤的审批人。',
    not_a_confirmation_document:
      '书面确认应是客户签署的 PDF，或保存为文件（.eml）的客户邮件：请上传这类文件。',
    no_countersigner:
      '客户小组中没有人可以会签您登记的内容：请把一位客户总监（或您的上级）加入小组，或请其登记。',
    already_recorded: '其他人已同时登记了此书面确认。',
    not_recorded: '此书面确认尚未登记：请先完成文件上传。',
    not_recorded_yet: '尚无可会签的内容：文件尚未上传和登记。',
    already_settled: '此书面确认已会签或已被拒绝。',
  },
};
