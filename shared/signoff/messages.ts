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

type StopStatus = 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/**
 * What the account team is told about a review without being asked to decide — revisions,
 * escalations, outcomes, stops, mail that did not reach a contact — in each reader's language.
 * A subject's own sign-off notice comes from its context's catalogue.
 */
export const staffNoticeWords = /* @__PURE__ */ catalogue(
  {
    /** The notice, then the item it is about (whose title names what it is). */
    subjectLine: (notice: string, item: string) => `${notice}: ${item}`,
    revision: {
      subject: (makers: string) => `Back to ${makers}`,
      changesRequestedAt: (stage: string) => `Changes were requested at ${stage}`,
      waits: (why: string) =>
        `${why}. Nothing goes forward until there is a new version; it then passes internal review again.`,
      decisions: {
        approve: 'approved',
        approve_with_changes: 'approved with changes',
        request_changes: 'requested changes',
        reject: 'rejected',
      } as Record<'approve' | 'approve_with_changes' | 'request_changes' | 'reject', string>,
      decided: (name: string, decision: string, comment: string) =>
        `${name}: ${decision}${comment ? ` — “${comment}”` : ''}`,
      reminderSubject: 'Reminder: new version due',
      reminder: (makers: string) => `The new version from ${makers} is due soon.`,
    },
    overdue: {
      subject: 'Overdue',
      escalated: (stage: string, noun: string, level: number) =>
        `The ${stage} of this ${noun.toLowerCase()} passed its deadline and is escalated to you (level ${level}).`,
      waitingOn: (names: string) => `Still waiting on: ${names}.`,
      waitingOnVersion: (makers: string) => `Still waiting on a new version from ${makers}.`,
    },
    released: {
      subject: 'Released to production',
      paragraph: (version: number) =>
        `Version ${version} is approved by the client and released to production.`,
    },
    confirmed: {
      subject: 'Confirmed by the client',
      paragraph: (version: number) => `Version ${version} is confirmed by the client: it may be booked.`,
    },
    rejected: { subject: 'Rejected', paragraph: 'The client rejected it; the review has ended.' },
    expired: {
      subject: 'Review expired',
      paragraph: 'Nobody decided in time, even after escalation; the review has ended.',
    },
    stopped: {
      subject: 'Review stopped',
      why: {
        FAILED: 'a step of its workflow kept failing after every retry',
        TIMED_OUT: 'its workflow ran past its time limit',
        ABORTED: 'its workflow was stopped outside Account Desk',
      } as Record<StopStatus, string>,
      unknown: 'its workflow stopped',
      paragraph: (why: string) =>
        `This review stopped: ${why}. Nothing recorded is lost, but nobody can decide until it runs again (the approval links say it is on hold).`,
      recover: (reviewId: string) =>
        `An account executive or above can restart it from the step it was at (POST /reviews/${reviewId}/restart; the decisions already recorded are kept) or cancel it (POST /reviews/${reviewId}/cancel) and start a new review.`,
    },
    cancelled: {
      subject: 'Review cancelled',
      paragraph: (name: string, reason: string) =>
        `${name} cancelled this review${reason ? `: “${reason}”` : '.'} Its open approvals are closed; a new review can be started.`,
    },
    countersign: {
      subject: 'Countersign the client’s written confirmation',
      recorded: (name: string, version: number, fileName: string) =>
        `${name} recorded the client's written confirmation of version ${version} (${fileName}). It counts only once countersigned by an account director, or by someone ${name} reports to.`,
      check: (url: string) =>
        `Check the document, then countersign or refuse it in Account Desk (the staff console): ${url}`,
    },
    mail: {
      bouncedSubject: (name: string) => `Email bounced: ${name}`,
      complainedSubject: (name: string) => `Email reported as spam: ${name}`,
      withheldSubject: (name: string) => `Not sent to ${name}`,
      bounced: (address: string, detail: string) =>
        `emails to ${address} bounce${detail ? ` (${detail})` : ''}`,
      complained: (address: string) => `they reported an email from us to ${address} as spam`,
      unreachable: (name: string, what: string) => `${name} cannot be reached by email: ${what}.`,
      linkUnused: (stage: string) =>
        `They did not get (or will not use) the approval link for the ${stage} below, so the step waits for someone who has not seen it. It keeps its deadline, reminders and escalation.`,
      withheld: {
        request: (name: string, what: string, since: string) =>
          `The approval request for the item below was not emailed to ${name}: ${what} (since ${since}).`,
        reminder: (name: string, what: string, since: string) =>
          `The reminder for the item below was not emailed to ${name}: ${what} (since ${since}).`,
        overdue: (name: string, what: string, since: string) =>
          `The overdue notice for the item below was not emailed to ${name}: ${what} (since ${since}).`,
      } as Record<Kind, (name: string, what: string, since: string) => string>,
      remedy: (name: string, url: string) =>
        `Check the address with the client and correct it on the client's page in Account Desk (${url}), or, once it is confirmed to work, choose "${name}’s address works again" there. Until then Account Desk sends them no sign-off emails.`,
    },
  },
  {
    es: {
      subjectLine: (notice: string, item: string) => `${notice}: ${item}`,
      revision: {
        // `makers` comes with its preposition ("al equipo creativo").
        subject: (makers: string) => `Vuelve ${makers}`,
        changesRequestedAt: (stage: string) => `Se pidieron cambios en la ${stage}`,
        waits: (why: string) =>
          `${why}. Nada sigue adelante hasta que haya una nueva versión, que vuelve a pasar por la revisión interna.`,
        decisions: {
          approve: 'aprobó',
          approve_with_changes: 'aprobó con cambios',
          request_changes: 'pidió cambios',
          reject: 'rechazó',
        },
        decided: (name: string, decision: string, comment: string) =>
          `${name}: ${decision}${comment ? ` — «${comment}»` : ''}`,
        reminderSubject: 'Recordatorio: nueva versión pendiente',
        reminder: (makers: string) => `La nueva versión que se pidió ${makers} vence pronto.`,
      },
      overdue: {
        subject: 'Vencido',
        escalated: (stage: string, noun: string, level: number) =>
          `La ${stage} de este ${noun.toLowerCase()} superó su plazo y se le ha escalado a usted (nivel ${level}).`,
        waitingOn: (names: string) => `Aún se espera a: ${names}.`,
        waitingOnVersion: (makers: string) => `Aún se espera la nueva versión que se pidió ${makers}.`,
      },
      released: {
        subject: 'Pasa a producción',
        paragraph: (version: number) =>
          `La versión ${version} está aprobada por el cliente y pasa a producción.`,
      },
      confirmed: {
        subject: 'Confirmado por el cliente',
        paragraph: (version: number) =>
          `La versión ${version} está confirmada por el cliente: ya se puede contratar.`,
      },
      rejected: { subject: 'Rechazado', paragraph: 'El cliente lo rechazó; la revisión ha terminado.' },
      expired: {
        subject: 'Revisión vencida',
        paragraph: 'Nadie decidió a tiempo, ni siquiera tras escalarla; la revisión ha terminado.',
      },
      stopped: {
        subject: 'Revisión detenida',
        why: {
          FAILED: 'un paso de su flujo siguió fallando tras todos los reintentos',
          TIMED_OUT: 'su flujo superó su tiempo límite',
          ABORTED: 'su flujo se detuvo fuera de Account Desk',
        },
        unknown: 'su flujo se detuvo',
        paragraph: (why: string) =>
          `Esta revisión se detuvo: ${why}. No se pierde nada de lo registrado, pero nadie puede decidir hasta que vuelva a funcionar (los enlaces de aprobación indican que está en espera).`,
        recover: (reviewId: string) =>
          `Un ejecutivo de cuentas o un cargo superior puede reanudarla desde el paso en que estaba (POST /reviews/${reviewId}/restart; se conservan las decisiones ya registradas) o cancelarla (POST /reviews/${reviewId}/cancel) e iniciar una nueva revisión.`,
      },
      cancelled: {
        subject: 'Revisión cancelada',
        paragraph: (name: string, reason: string) =>
          `${name} canceló esta revisión${reason ? `: «${reason}».` : '.'} Sus aprobaciones abiertas quedan cerradas; se puede iniciar una nueva revisión.`,
      },
      countersign: {
        subject: 'Refrende la confirmación escrita del cliente',
        recorded: (name: string, version: number, fileName: string) =>
          `${name} registró la confirmación escrita del cliente de la versión ${version} (${fileName}). Solo cuenta cuando la refrenda un director de cuentas o alguien de quien ${name} dependa.`,
        check: (url: string) =>
          `Revise el documento y después refréndelo o recházelo en Account Desk (la consola del personal): ${url}`,
      },
      mail: {
        bouncedSubject: (name: string) => `Correo rebotado: ${name}`,
        complainedSubject: (name: string) => `Correo marcado como spam: ${name}`,
        withheldSubject: (name: string) => `No enviado a ${name}`,
        bounced: (address: string, detail: string) =>
          `los correos a ${address} rebotan${detail ? ` (${detail})` : ''}`,
        complained: (address: string) => `marcó como spam un correo nuestro enviado a ${address}`,
        unreachable: (name: string, what: string) =>
          `No es posible comunicarse con ${name} por correo: ${what}.`,
        linkUnused: (stage: string) =>
          `No recibió (o no usará) el enlace de aprobación de la ${stage} que se indica abajo, así que el paso espera a alguien que no lo ha visto. Conserva su plazo, sus recordatorios y su escalado.`,
        withheld: {
          request: (name: string, what: string, since: string) =>
            `La solicitud de aprobación de lo que se indica abajo no se envió por correo a ${name}: ${what} (desde el ${since}).`,
          reminder: (name: string, what: string, since: string) =>
            `El recordatorio de lo que se indica abajo no se envió por correo a ${name}: ${what} (desde el ${since}).`,
          overdue: (name: string, what: string, since: string) =>
            `El aviso de vencimiento de lo que se indica abajo no se envió por correo a ${name}: ${what} (desde el ${since}).`,
        },
        remedy: (name: string, url: string) =>
          `Compruebe la dirección con el cliente y corríjala en la página del cliente en Account Desk (${url}) o, cuando se confirme que funciona, elija allí «La dirección de ${name} vuelve a funcionar». Hasta entonces, Account Desk no le envía correos de aprobación.`,
      },
    },
    'zh-CN': {
      subjectLine: (notice: string, item: string) => `${notice}：${item}`,
      revision: {
        subject: (makers: string) => `退回${makers}`,
        changesRequestedAt: (stage: string) => `在${stage}中被要求修改`,
        waits: (why: string) => `${why}。在有新版本之前，任何内容都不会推进；新版本需再次通过内部审核。`,
        decisions: {
          approve: '已批准',
          approve_with_changes: '修改后批准',
          request_changes: '要求修改',
          reject: '已拒绝',
        },
        decided: (name: string, decision: string, comment: string) =>
          `${name}：${decision}${comment ? `——“${comment}”` : ''}`,
        reminderSubject: '提醒：新版本即将到期',
        reminder: (makers: string) => `${makers}的新版本即将到期。`,
      },
      overdue: {
        subject: '已逾期',
        escalated: (stage: string, noun: string, level: number) =>
          `此${noun}的${stage}已超过截止时间，现升级给您处理（第 ${level} 级）。`,
        waitingOn: (names: string) => `仍在等待：${names}。`,
        waitingOnVersion: (makers: string) => `仍在等待${makers}提交新版本。`,
      },
      released: {
        subject: '已交付制作',
        paragraph: (version: number) => `第 ${version} 版已获客户批准，并交付制作。`,
      },
      confirmed: {
        subject: '客户已确认',
        paragraph: (version: number) => `第 ${version} 版已获客户确认：可以进行投放预订。`,
      },
      rejected: { subject: '已拒绝', paragraph: '客户已拒绝；审核已结束。' },
      expired: { subject: '审核已过期', paragraph: '即使升级后仍无人按时做出决定；审核已结束。' },
      stopped: {
        subject: '审核已停止',
        why: {
          FAILED: '其流程中的一个步骤在多次重试后仍然失败',
          TIMED_OUT: '其流程超过了时间限制',
          ABORTED: '其流程在 Account Desk 之外被停止',
        },
        unknown: '其流程已停止',
        paragraph: (why: string) =>
          `此审核已停止：${why}。已记录的内容不会丢失，但在重新运行之前无人可以做出决定（审批链接会显示其处于暂停状态）。`,
        recover: (reviewId: string) =>
          `客户执行及以上人员可以从原步骤重新启动（POST /reviews/${reviewId}/restart；已记录的决定会保留），或取消它（POST /reviews/${reviewId}/cancel）并开始新的审核。`,
      },
      cancelled: {
        subject: '审核已取消',
        paragraph: (name: string, reason: string) =>
          `${name} 取消了此审核${reason ? `：“${reason}”。` : '。'}其未完成的审批已关闭；可以开始新的审核。`,
      },
      countersign: {
        subject: '请会签客户的书面确认',
        recorded: (name: string, version: number, fileName: string) =>
          `${name} 记录了客户对第 ${version} 版的书面确认（${fileName}）。只有经客户总监或 ${name} 的上级会签后才有效。`,
        check: (url: string) => `请查看文件，然后在 Account Desk（员工控制台）中会签或拒绝：${url}`,
      },
      mail: {
        bouncedSubject: (name: string) => `邮件被退回：${name}`,
        complainedSubject: (name: string) => `邮件被举报为垃圾邮件：${name}`,
        withheldSubject: (name: string) => `未发送给 ${name}`,
        bounced: (address: string, detail: string) =>
          `发往 ${address} 的邮件被退回${detail ? `（${detail}）` : ''}`,
        complained: (address: string) => `对方将我们发往 ${address} 的邮件举报为垃圾邮件`,
        unreachable: (name: string, what: string) => `无法通过电子邮件联系 ${name}：${what}。`,
        linkUnused: (stage: string) =>
          `对方未收到（或不会使用）以下${stage}的审批链接，因此该步骤在等待一位没有看到它的人。该步骤保留其截止时间、提醒和升级。`,
        withheld: {
          request: (name: string, what: string, since: string) =>
            `以下内容的审批请求未通过电子邮件发送给 ${name}：${what}（自 ${since} 起）。`,
          reminder: (name: string, what: string, since: string) =>
            `以下内容的提醒未通过电子邮件发送给 ${name}：${what}（自 ${since} 起）。`,
          overdue: (name: string, what: string, since: string) =>
            `以下内容的逾期通知未通过电子邮件发送给 ${name}：${what}（自 ${since} 起）。`,
        },
        remedy: (name: string, url: string) =>
          `请与客户核实地址，并在 Account Desk 的客户页面（${url}）上更正；或在确认地址可用后，在该页面选择“${name} 的地址已恢复正常”。在此之前，Account Desk 不会向其发送任何签核邮件。`,
      },
    },
  },
);
