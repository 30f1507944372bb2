import { catalogue } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';
import type { BriefKind, departments } from './schemas.js';

type Department = (typeof departments)[number];

/** What approving a brief or a timetable leads to, as the approval page tells the reader, in their language. */
export const trafficWords = /* @__PURE__ */ catalogue(
  {
    briefToClient: 'The brief goes on to the client for sign-off, exactly as shown.',
    briefSigned: 'This version of the brief is signed off as shown: the work is planned and done from it.',
    timetableToClient: 'The timetable goes on to the client for signature, exactly as shown.',
    timetableSigned:
      "This timetable is signed as shown: its dates become the job's baseline, against which every later move is measured.",
  },
  {
    es: {
      briefToClient: 'El brief pasa al cliente para su aprobación, exactamente como se muestra.',
      briefSigned:
        'Esta versión del brief queda aprobada tal como se muestra: el trabajo se planifica y se hace a partir de ella.',
      timetableToClient: 'El cronograma pasa al cliente para su firma, exactamente como se muestra.',
      timetableSigned:
        'Este cronograma queda firmado tal como se muestra: sus fechas pasan a ser la referencia de la orden de trabajo, con la que se mide cada cambio posterior.',
    },
    'zh-CN': {
      briefToClient: '简报将完全按所示内容提交客户签核。',
      briefSigned: '此版本简报按所示内容签核：工作将据此计划和执行。',
      timetableToClient: '工作时间表将完全按所示内容提交客户签字。',
      timetableSigned: '此工作时间表按所示内容签署：其日期成为工作项目的基准，之后的每次调整都以此衡量。',
    },
  },
);

/**
 * The titles of the tasks on a person's list (`GET /me/tasks`) that the system words, in the
 * reader's language: an approval waiting for them, and a next step agreed in a meeting (the
 * action itself and the meeting's subject stay as their author wrote them).
 */
export const taskWords = /* @__PURE__ */ catalogue(
  {
    approval: (title: string, version: number) => `${title} v${version}`,
    approvalOf: (approvalId: string) => `Approval ${approvalId}`,
    agreedAction: (action: string, meeting: string) => `${action} (agreed: ${meeting})`,
    changesAsked: (subject: string, version: number) =>
      `The client asked for changes to ${subject} v${version}: upload a new version`,
  },
  {
    es: {
      approval: (title: string, version: number) => `${title} v${version}`,
      approvalOf: (approvalId: string) => `Aprobación ${approvalId}`,
      agreedAction: (action: string, meeting: string) => `${action} (acordado en: ${meeting})`,
      changesAsked: (subject: string, version: number) =>
        `El cliente pidió cambios en ${subject} v${version}: suba una nueva versión`,
    },
    'zh-CN': {
      approval: (title: string, version: number) => `${title} 第 ${version} 版`,
      approvalOf: (approvalId: string) => `审批 ${approvalId}`,
      agreedAction: (action: string, meeting: string) => `${action}（议定于：${meeting}）`,
      changesAsked: (subject: string, version: number) =>
        `客户要求修改 ${subject} 第 ${version} 版：请上传新版本`,
    },
  },
);

/** The sections of a brief's document, in the order it shows them (a field left empty is left out). */
type BriefSection =
  | 'background'
  | 'objective'
  | 'targetAudience'
  | 'keyMessage'
  | 'mandatories'
  | 'deliverables'
  | 'budget'
  | 'timing'
  | 'markets'
  | 'flight'
  | 'channelsConsidered'
  | 'kpis'
  | 'questions'
  | 'method'
  | 'sample';

/**
 * The brief and timetable documents the client signs (stored once, signed by hash), in the
 * language of the client's contacts who sign them (`clientDocumentLanguage`).
 */
export const trafficDocumentWords = /* @__PURE__ */ catalogue(
  {
    briefKinds: {
      client: 'Client brief',
      creative: 'Creative brief',
      media: 'Media brief',
      research: 'Research brief',
    } as Record<BriefKind, string>,
    briefTitle: (kind: string, title: string, version: number) => `${kind}: ${title} — version ${version}`,
    briefFor: (agency: string, client: string, jobNumber: string, jobTitle: string) =>
      `${agency} for ${client}; job ${jobNumber} — ${jobTitle}.`,
    sections: {
      background: 'Background',
      objective: 'Objective',
      targetAudience: 'Target audience',
      keyMessage: 'Key message',
      mandatories: 'Mandatories',
      deliverables: 'Deliverables',
      budget: 'Budget',
      timing: 'Timing',
      markets: 'Markets',
      flight: 'Flight',
      channelsConsidered: 'Channels considered',
      kpis: 'KPIs',
      questions: 'Research questions',
      method: 'Method',
      sample: 'Sample',
    } as Record<BriefSection, string>,
    timetableTitle: (jobNumber: string, jobTitle: string, version: number) =>
      `Timetable: ${jobNumber} — ${jobTitle}, version ${version}`,
    timetableFor: (agency: string, client: string, timeZone: string) =>
      `${agency} for ${client} (calendar: ${timeZone}).`,
    columns: ['Milestone', 'Department', 'Owner', 'Start', 'Due', 'Critical path'],
    departments: {
      account: 'Account service',
      creative: 'Creative',
      media: 'Media',
      production: 'Production',
      research: 'Research',
      client: 'Client',
    } as Record<Department, string>,
    clientOwns: 'Client',
    critical: 'yes',
    jobEnds: (day: string) =>
      `The job ends on ${day}. Dates are working days of the client's calendar; a late answer from either side moves what depends on it.`,
    shownCaption: (milestones: number, version: number) =>
      `The timetable, version ${version}: ${milestones} milestone${milestones === 1 ? '' : 's'}`,
  },
  {
    es: {
      briefKinds: {
        client: 'Brief del cliente',
        creative: 'Brief creativo',
        media: 'Brief de medios',
        research: 'Brief de investigación',
      },
      briefTitle: (kind: string, title: string, version: number) => `${kind}: ${title} — versión ${version}`,
      briefFor: (agency: string, client: string, jobNumber: string, jobTitle: string) =>
        `${agency} para ${client}; orden de trabajo ${jobNumber} — ${jobTitle}.`,
      sections: {
        background: 'Antecedentes',
        objective: 'Objetivo',
        targetAudience: 'Público objetivo',
        keyMessage: 'Mensaje clave',
        mandatories: 'Obligatorios',
        deliverables: 'Entregables',
        budget: 'Presupuesto',
        timing: 'Plazos',
        markets: 'Mercados',
        flight: 'Periodo de la campaña',
        channelsConsidered: 'Canales considerados',
        kpis: 'KPI',
        questions: 'Preguntas de investigación',
        method: 'Método',
        sample: 'Muestra',
      },
      timetableTitle: (jobNumber: string, jobTitle: string, version: number) =>
        `Cronograma: ${jobNumber} — ${jobTitle}, versión ${version}`,
      timetableFor: (agency: string, client: string, timeZone: string) =>
        `${agency} para ${client} (calendario: ${timeZone}).`,
      columns: ['Hito', 'Departamento', 'Responsable', 'Inicio', 'Entrega', 'Ruta crítica'],
      departments: {
        account: 'Servicio al cliente',
        creative: 'Creatividad',
        media: 'Medios',
        production: 'Producción',
        research: 'Investigación',
        client: 'Cliente',
      },
      clientOwns: 'Cliente',
      critical: 'sí',
      jobEnds: (day: string) =>
        `El trabajo termina el ${day}. Las fechas son días hábiles del calendario del cliente; una respuesta tardía de cualquiera de las partes mueve lo que depende de ella.`,
      shownCaption: (milestones: number, version: number) =>
        `El cronograma, versión ${version}: ${milestones} ${milestones === 1 ? 'hito' : 'hitos'}`,
    },
    'zh-CN': {
      briefKinds: {
        client: '客户简报',
        creative: '创意简报',
        media: '媒介简报',
        research: '调研简报',
      },
      briefTitle: (kind: string, title: string, version: number) => `${kind}：${title} — 第 ${version} 版`,
      briefFor: (agency: string, client: string, jobNumber: string, jobTitle: string) =>
        `${agency} 为 ${client} 制作；工作项目 ${jobNumber} — ${jobTitle}。`,
      sections: {
        background: '背景',
        objective: '目标',
        targetAudience: '目标受众',
        keyMessage: '核心信息',
        mandatories: '必备要求',
        deliverables: '交付物',
        budget: '预算',
        timing: '时间安排',
        markets: '市场',
        flight: '投放期',
        channelsConsidered: '考虑的渠道',
        kpis: '关键绩效指标',
        questions: '调研问题',
        method: '方法',
        sample: '样本',
      },
      timetableTitle: (jobNumber: string, jobTitle: string, version: number) =>
        `工作时间表：${jobNumber} — ${jobTitle}，第 ${version} 版`,
      timetableFor: (agency: string, client: string, timeZone: string) =>
        `${agency} 为 ${client} 制作（日历：${timeZone}）。`,
      columns: ['里程碑', '部门', '负责人', '开始', '截止', '关键路径'],
      departments: {
        account: '客户服务',
        creative: '创意',
        media: '媒介',
        production: '制作',
        research: '调研',
        client: '客户',
      },
      clientOwns: '客户',
      critical: '是',
      jobEnds: (day: string) =>
        `工作项目于 ${day} 结束。日期均为客户日历上的工作日；任何一方延迟答复都会推迟其后续事项。`,
      shownCaption: (milestones: number, version: number) =>
        `工作时间表（第 ${version} 版）：${milestones} 个里程碑`,
    },
  },
);

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const trafficRefusalWords: RefusalWords = {
  es: {
    internal_only: 'Este tipo de brief se aprueba dentro de la agencia; no va al cliente.',
    no_client_step:
      'Esta revisión queda dentro de la agencia: indique aprobadores del cliente solo si el cliente también debe aprobarla.',
    // Traffic: schedules, milestones, templates, briefs, proposed changes.
    schedule_exists: 'Este trabajo ya tiene cronograma: cámbielo en lugar de hacer otro.',
    schedule_too_large:
      'El cronograma sería demasiado grande para guardarlo: acorte nombres y entregables, o divida el trabajo.',
    too_many_milestones: 'Un cronograma admite un número limitado de hitos, y este cambio lo supera.',
    unknown_milestone: 'Ese hito no es de este cronograma.',
    unknown_dependency: 'Un hito depende de otro que no está en este cronograma o plantilla.',
    self_dependency: 'Un hito no puede depender de sí mismo.',
    duplicate_dependency: 'Un hito nombra dos veces el mismo hito del que depende.',
    dependency_cycle: 'Estos hitos dependen unos de otros en círculo: alguno tiene que ir primero.',
    duplicate_key: 'Cada hito de la plantilla necesita su propia clave, y esta se usa dos veces.',
    before_predecessor:
      'Un hito no puede empezar antes de que termine el hito del que depende (y pasen los días hábiles de espera fijados).',
    not_a_working_day: 'Ese día no es hábil en el calendario del cliente.',
    milestone_started: 'Este hito ya empezó: su inicio es un hecho y sigue en el cronograma.',
    milestone_done: 'Este hito ya está terminado: sus fechas y su duración ya no cambian.',
    milestone_follows_sign_off: 'Este hito sigue a un paso de aprobación: empieza y termina con él.',
    before_start: 'Un hito no puede terminar antes del día en que empezó.',
    future_date: 'El avance se informa para hoy o para un día anterior.',
    creative_brief_not_approved:
      'El trabajo creativo empieza cuando el gerente de cuentas ha aprobado el brief creativo del trabajo.',
    owner_not_on_team:
      'El responsable de un hito debe ser un miembro activo del equipo de cuenta del cliente.',
    unknown_sign_off:
      'La aprobación vinculada no es de un borrador, pauta, brief o calendario de este trabajo.',
    version_required: 'Esta plantilla ya se editó antes: recargue y vuelva a hacer su cambio.',
    proposal_decided: 'Este cambio propuesto ya fue decidido.',
    field_not_for_kind: 'Este tipo de brief no lleva ese apartado.',
    unknown_media_campaign: 'La campaña de medios no es de este cliente.',
  },
  'zh-CN': {
    internal_only: '此类简报在公司内部批准，不送交客户。',
    no_client_step: '此审核仅在公司内部进行：只有需要客户签核时才指定客户审批人。',
    // Traffic: schedules, milestones, templates, briefs, proposed changes.
    schedule_exists: '此工作已有工作进度：请修改现有的，不要另建。',
    schedule_too_large: '工作进度过大，无法保存：请缩短名称和交付物，或拆分该工作。',
    too_many_milestones: '工作进度的里程碑数量有上限，此更改会超出。',
    unknown_milestone: '该里程碑不属于此工作进度。',
    unknown_dependency: '某个里程碑所依赖的里程碑不在此工作进度或模板中。',
    self_dependency: '里程碑不能依赖自身。',
    duplicate_dependency: '某个里程碑重复列出了同一个所依赖的里程碑。',
    dependency_cycle: '这些里程碑相互依赖，形成了循环：必须有一个先开始。',
    duplicate_key: '模板中每个里程碑须有各自的标识，此标识重复使用了。',
    before_predecessor: '里程碑不能在其所依赖的里程碑结束（并过了规定的间隔工作日）之前开始。',
    not_a_working_day: '该日不是客户日历上的工作日。',
    milestone_started: '此里程碑已开始：开始日期已成事实，它将保留在工作进度中。',
    milestone_done: '此里程碑已完成：其日期和工期不再更改。',
    milestone_follows_sign_off: '此里程碑随某个签核步骤进行：与该步骤同时开始和结束。',
    before_start: '里程碑的完成日期不能早于开始日期。',
    future_date: '进度只能报告今天或之前的日期。',
    creative_brief_not_approved: '客户经理批准该工作的创意简报后，创意工作才能开始。',
    owner_not_on_team: '里程碑负责人必须是该客户小组的在职成员。',
    unknown_sign_off: '所关联的签核不是此工作的草稿、排期、简报或时间表。',
    version_required: '此模板之前已被编辑：请重新加载后再修改。',
    proposal_decided: '此更改提议已经做出决定。',
    field_not_for_kind: '此类简报没有该项内容。',
    unknown_media_campaign: '该媒介活动不属于此客户。',
  },
};

/**
 * What the account team is told when a brief or a timetable is signed off, in each reader's
 * language (the email's subject line names the item after these words).
 */
export const trafficSignedOffWords = /* @__PURE__ */ catalogue(
  {
    briefSigned: {
      subject: 'Signed by the client',
      paragraph: (version: number) => `Version ${version} of the brief is signed by the client.`,
    },
    briefApproved: {
      subject: 'Approved by the account management',
      paragraph: (version: number, creativeMayStart: boolean) =>
        `Version ${version} of the brief is approved by the account management${creativeMayStart ? ': creative work may start' : ''}.`,
    },
    timetableSigned: {
      subject: 'Signed by the client',
      paragraph: (version: number) =>
        `Version ${version} of the timetable is signed by the client: it is the job's baseline, and later moves show their slip against it.`,
    },
  },
  {
    es: {
      briefSigned: {
        subject: 'Firmado por el cliente',
        paragraph: (version: number) => `El cliente firmó la versión ${version} del brief.`,
      },
      briefApproved: {
        subject: 'Aprobado por la dirección de cuentas',
        paragraph: (version: number, creativeMayStart: boolean) =>
          `La dirección de cuentas aprobó la versión ${version} del brief${creativeMayStart ? ': el trabajo creativo puede empezar' : ''}.`,
      },
      timetableSigned: {
        subject: 'Firmado por el cliente',
        paragraph: (version: number) =>
          `El cliente firmó la versión ${version} del cronograma: es la referencia de la orden de trabajo, y cada cambio posterior muestra su desvío respecto a ella.`,
      },
    },
    'zh-CN': {
      briefSigned: {
        subject: '客户已签核',
        paragraph: (version: number) => `客户已签核第 ${version} 版简报。`,
      },
      briefApproved: {
        subject: '客户管理层已批准',
        paragraph: (version: number, creativeMayStart: boolean) =>
          `客户管理层已批准第 ${version} 版简报${creativeMayStart ? '：创意工作可以开始' : ''}。`,
      },
      timetableSigned: {
        subject: '客户已签署',
        paragraph: (version: number) =>
          `客户已签署第 ${version} 版工作时间表：它成为工作项目的基准，之后的每次调整都会显示相对于它的延误。`,
      },
    },
  },
);

/**
 * Traffic's own emails to staff (a schedule that moved, creative work that may start, the
 * morning's due and overdue milestones, a critical path slipping, a proposed move and its
 * answer), in each reader's language. Names staff typed (a milestone's, a job's) stay as written;
 * days come formatted in the reader's language.
 */
export const trafficNoticeWords = /* @__PURE__ */ catalogue(
  {
    hello: (name: string) => `Hello ${name},`,
    goodMorning: (name: string) => `Good morning ${name},`,
    openSchedule: 'Open the schedule',
    workingDays: (n: number) => `${n} working day${n === 1 ? '' : 's'}`,
    endMoved: {
      subject: (jobNumber: string, end: string) => `Schedule moved: ${jobNumber} now ends ${end}`,
      finishedLate: (late: { name: string; days: string }[]) =>
        `${late.map((x) => `“${x.name}” finished ${x.days} after its due date`).join('; ')}.`,
      stepLate: 'A sign-off step started or finished later than planned.',
      endsNow: (job: string, end: string, shift: string, was: string) =>
        `${job} now ends on ${end}, ${shift} later than planned (${was}). What depends on it has moved with it.`,
      header: ['Milestone', 'Was', 'Now'],
    },
    creativeMayStart: {
      subject: (jobNumber: string) => `Creative work may start: ${jobNumber}`,
      paragraph: (job: string) =>
        `The creative brief of ${job} is approved by the account management: creative work may start.`,
      header: ['Milestone', 'Status', 'Start', 'Due'],
      started: 'started',
      waiting: 'waiting for what comes before it',
    },
    yourMilestones: {
      subject: (overdue: number, today: number) => `Your milestones: ${overdue} overdue, ${today} due today`,
      overdue: (overdue: number, today: number) =>
        `${overdue} of your milestones ${overdue === 1 ? 'is' : 'are'} past due and ${today} ${today === 1 ? 'is' : 'are'} due today. Finish them or tell the job's account executive, who can move them.`,
      dueToday: (today: number) => `${today} of your milestones ${today === 1 ? 'is' : 'are'} due today.`,
      header: ['Client', 'Job', 'Milestone', 'Due', 'Late', 'Critical path'],
      today: 'due today',
      critical: 'yes',
      openTasks: 'Open your tasks',
    },
    slipping: {
      subject: (jobNumber: string, late: string) => `Critical path slipping: ${jobNumber} (${late} late)`,
      paragraph: (count: number, job: string) =>
        `${count === 1 ? 'A milestone' : `${count} milestones`} on the critical path of ${job} ${count === 1 ? 'is' : 'are'} overdue.`,
      endAgainstBaseline: (end: string, signedEnd: string, slip: number) =>
        `The job is planned to end on ${end} (signed timetable: ${signedEnd}, ${slip} working days of slip so far); every further day these stay open moves the end by a day.`,
      end: (end: string) =>
        `The job is planned to end on ${end}; every further day these stay open moves the end by a day.`,
      header: ['Milestone', 'Owner', 'Due', 'Late'],
      theClient: 'the client',
    },
    proposed: {
      subject: (milestone: string, jobNumber: string) => `Change proposed: ${milestone} (${jobNumber})`,
      startOn: (day: string, now: string) => `start on ${day} (now ${now})`,
      take: (days: number, now: number) => `take ${days} working days (now ${now})`,
      proposes: (proposer: string, milestone: string, job: string, changes: string[]) =>
        `${proposer} proposes that “${milestone}” of ${job} ${changes.join(' and ')}.`,
      reason: (reason: string) => `Reason given: ${reason}`,
      stillEnds: (end: string) => `The job would still end on ${end}.`,
      wouldEnd: (end: string, shift: number) =>
        `The job would end on ${end} (${Math.abs(shift)} working days ${shift > 0 ? 'later' : 'earlier'}).`,
      decide: 'As the job’s account executive or the traffic coordinator, accept or decline it.',
      openProposal: 'Open the proposal',
    },
    decided: {
      subject: (accepted: boolean, milestone: string, jobNumber: string) =>
        `Change ${accepted ? 'accepted' : 'declined'}: ${milestone} (${jobNumber})`,
      paragraph: (decider: string, accepted: boolean, milestone: string, job: string) =>
        `${decider} ${accepted ? 'accepted' : 'declined'} your proposed change to “${milestone}” of ${job}.`,
      comment: (comment: string) => `Comment: ${comment}`,
    },
  },
  {
    es: {
      hello: (name: string) => `Hola, ${name}:`,
      goodMorning: (name: string) => `Buenos días, ${name}:`,
      openSchedule: 'Abrir el cronograma',
      workingDays: (n: number) => `${n} día${n === 1 ? '' : 's'} hábil${n === 1 ? '' : 'es'}`,
      endMoved: {
        subject: (jobNumber: string, end: string) =>
          `Cronograma movido: ${jobNumber} termina ahora el ${end}`,
        finishedLate: (late: { name: string; days: string }[]) =>
          `${late.map((x) => `«${x.name}» terminó ${x.days} después de su fecha de entrega`).join('; ')}.`,
        stepLate: 'Un paso de aprobación empezó o terminó más tarde de lo previsto.',
        endsNow: (job: string, end: string, shift: string, was: string) =>
          `${job} termina ahora el ${end}, ${shift} más tarde de lo previsto (${was}). Lo que depende de ello se ha movido con ello.`,
        header: ['Hito', 'Antes', 'Ahora'],
      },
      creativeMayStart: {
        subject: (jobNumber: string) => `El trabajo creativo puede empezar: ${jobNumber}`,
        paragraph: (job: string) =>
          `La dirección de cuentas aprobó el brief creativo de ${job}: el trabajo creativo puede empezar.`,
        header: ['Hito', 'Estado', 'Inicio', 'Entrega'],
        started: 'empezado',
        waiting: 'espera a lo que va antes',
      },
      yourMilestones: {
        subject: (overdue: number, today: number) =>
          `Tus hitos: ${overdue} atrasado${overdue === 1 ? '' : 's'}, ${today} para hoy`,
        overdue: (overdue: number, today: number) =>
          `${overdue} de tus hitos ${overdue === 1 ? 'está atrasado' : 'están atrasados'} y ${today} ${today === 1 ? 'vence' : 'vencen'} hoy. Termínalos o avisa al ejecutivo de cuentas de la orden de trabajo, que puede moverlos.`,
        dueToday: (today: number) => `${today} de tus hitos ${today === 1 ? 'vence' : 'vencen'} hoy.`,
        header: ['Cliente', 'Orden de trabajo', 'Hito', 'Entrega', 'Retraso', 'Ruta crítica'],
        today: 'vence hoy',
        critical: 'sí',
        openTasks: 'Abrir tus tareas',
      },
      slipping: {
        subject: (jobNumber: string, late: string) =>
          `La ruta crítica se retrasa: ${jobNumber} (${late} de retraso)`,
        paragraph: (count: number, job: string) =>
          `${count === 1 ? 'Un hito' : `${count} hitos`} de la ruta crítica de ${job} ${count === 1 ? 'está atrasado' : 'están atrasados'}.`,
        endAgainstBaseline: (end: string, signedEnd: string, slip: number) =>
          `Está previsto que la orden de trabajo termine el ${end} (cronograma firmado: ${signedEnd}; ${slip} días hábiles de retraso hasta ahora); cada día más que sigan abiertos mueve el final un día.`,
        end: (end: string) =>
          `Está previsto que la orden de trabajo termine el ${end}; cada día más que sigan abiertos mueve el final un día.`,
        header: ['Hito', 'Responsable', 'Entrega', 'Retraso'],
        theClient: 'el cliente',
      },
      proposed: {
        subject: (milestone: string, jobNumber: string) => `Cambio propuesto: ${milestone} (${jobNumber})`,
        startOn: (day: string, now: string) => `empiece el ${day} (ahora ${now})`,
        take: (days: number, now: number) => `dure ${days} días hábiles (ahora ${now})`,
        proposes: (proposer: string, milestone: string, job: string, changes: string[]) =>
          `${proposer} propone que «${milestone}» de ${job} ${changes.join(' y ')}.`,
        reason: (reason: string) => `Motivo indicado: ${reason}`,
        stillEnds: (end: string) => `La orden de trabajo seguiría terminando el ${end}.`,
        wouldEnd: (end: string, shift: number) =>
          `La orden de trabajo terminaría el ${end} (${Math.abs(shift)} días hábiles ${shift > 0 ? 'más tarde' : 'antes'}).`,
        decide:
          'Como ejecutivo de cuentas de la orden de trabajo o coordinador de tráfico, acéptalo o recházalo.',
        openProposal: 'Abrir la propuesta',
      },
      decided: {
        subject: (accepted: boolean, milestone: string, jobNumber: string) =>
          `Cambio ${accepted ? 'aceptado' : 'rechazado'}: ${milestone} (${jobNumber})`,
        paragraph: (decider: string, accepted: boolean, milestone: string, job: string) =>
          `${decider} ${accepted ? 'aceptó' : 'rechazó'} el cambio que propusiste para «${milestone}» de ${job}.`,
        comment: (comment: string) => `Comentario: ${comment}`,
      },
    },
    'zh-CN': {
      hello: (name: string) => `${name}，您好：`,
      goodMorning: (name: string) => `${name}，早上好：`,
      openSchedule: '打开工作进度',
      workingDays: (n: number) => `${n} 个工作日`,
      endMoved: {
        subject: (jobNumber: string, end: string) => `进度已调整：${jobNumber} 现于 ${end} 结束`,
        finishedLate: (late: { name: string; days: string }[]) =>
          `${late.map((x) => `“${x.name}”比截止日期晚 ${x.days}完成`).join('；')}。`,
        stepLate: '一个签核步骤的开始或完成晚于计划。',
        endsNow: (job: string, end: string, shift: string, was: string) =>
          `${job} 现于 ${end} 结束，比计划（${was}）晚 ${shift}。依赖它的各项已随之调整。`,
        header: ['里程碑', '原为', '现为'],
      },
      creativeMayStart: {
        subject: (jobNumber: string) => `创意工作可以开始：${jobNumber}`,
        paragraph: (job: string) => `${job} 的创意简报已获客户管理层批准：创意工作可以开始。`,
        header: ['里程碑', '状态', '开始', '截止'],
        started: '已开始',
        waiting: '等待前序工作完成',
      },
      yourMilestones: {
        subject: (overdue: number, today: number) => `您的里程碑：${overdue} 项逾期，${today} 项今天到期`,
        overdue: (overdue: number, today: number) =>
          `您有 ${overdue} 项里程碑已逾期，${today} 项今天到期。请完成它们，或告知该工作项目的客户执行，由其调整。`,
        dueToday: (today: number) => `您有 ${today} 项里程碑今天到期。`,
        header: ['客户', '工作项目', '里程碑', '截止', '逾期', '关键路径'],
        today: '今天到期',
        critical: '是',
        openTasks: '打开您的任务',
      },
      slipping: {
        subject: (jobNumber: string, late: string) => `关键路径延误：${jobNumber}（逾期 ${late}）`,
        paragraph: (count: number, job: string) => `${job} 关键路径上有 ${count} 项里程碑逾期。`,
        endAgainstBaseline: (end: string, signedEnd: string, slip: number) =>
          `该工作项目计划于 ${end} 结束（已签署的工作时间表：${signedEnd}，至今已延误 ${slip} 个工作日）；这些里程碑每多拖一天，结束日期就推迟一天。`,
        end: (end: string) => `该工作项目计划于 ${end} 结束；这些里程碑每多拖一天，结束日期就推迟一天。`,
        header: ['里程碑', '负责人', '截止', '逾期'],
        theClient: '客户',
      },
      proposed: {
        subject: (milestone: string, jobNumber: string) => `调整提议：${milestone}（${jobNumber}）`,
        startOn: (day: string, now: string) => `于 ${day} 开始（现为 ${now}）`,
        take: (days: number, now: number) => `用时 ${days} 个工作日（现为 ${now}）`,
        proposes: (proposer: string, milestone: string, job: string, changes: string[]) =>
          `${proposer} 提议 ${job} 的“${milestone}”${changes.join('，并')}。`,
        reason: (reason: string) => `理由：${reason}`,
        stillEnds: (end: string) => `该工作项目仍将于 ${end} 结束。`,
        wouldEnd: (end: string, shift: number) =>
          `该工作项目将于 ${end} 结束（${shift > 0 ? '推迟' : '提前'} ${Math.abs(shift)} 个工作日）。`,
        decide: '作为该工作项目的客户执行或流程协调，请接受或拒绝。',
        openProposal: '打开提议',
      },
      decided: {
        subject: (accepted: boolean, milestone: string, jobNumber: string) =>
          `调整已${accepted ? '接受' : '拒绝'}：${milestone}（${jobNumber}）`,
        paragraph: (decider: string, accepted: boolean, milestone: string, job: string) =>
          `${decider} 已${accepted ? '接受' : '拒绝'}您对 ${job} 的“${milestone}”提出的调整。`,
        comment: (comment: string) => `备注：${comment}`,
      },
    },
  },
);

/**
 * The names of the built-in templates' milestones, by their template key, in each reader's
 * language. A milestone drawn from one keeps the key (`nameKey`) while its name is not changed, and
 * reads in the reader's language; a name staff typed stays as typed. The English set is the
 * templates' own names.
 */
export const builtInMilestoneWords = /* @__PURE__ */ catalogue(
  {
    planning: 'Planning',
    plan_confirmation: 'Plan revision and client confirmation',
    creative_development: 'Creative development',
    creative_presentation: 'Creative presentation',
    client_feedback: 'Client feedback',
    revisions: 'Revisions',
    production: 'Production',
    media_brief: 'Media brief',
    recommendation: 'Media recommendation, confirmed by the client',
    master_plan: 'Media master plan, confirmed by the client',
    monthly_schedule: 'Monthly media schedule, confirmed by the client',
    booking: 'Booking',
    materials: 'Material delivery to the media',
    airing: 'Airing and monitoring',
    post_campaign: 'Post-campaign analysis',
    brief: 'Brief approved by the account manager',
    work: 'The work',
    internal_review: 'Internal review',
    client_review: 'Client review',
    delivery: 'Delivery',
  },
  {
    es: {
      planning: 'Planificación',
      plan_confirmation: 'Revisión del plan y confirmación del cliente',
      creative_development: 'Desarrollo creativo',
      creative_presentation: 'Presentación creativa',
      client_feedback: 'Comentarios del cliente',
      revisions: 'Correcciones',
      production: 'Producción',
      media_brief: 'Brief de medios',
      recommendation: 'Recomendación de medios, confirmada por el cliente',
      master_plan: 'Plan maestro de medios, confirmado por el cliente',
      monthly_schedule: 'Pauta mensual de medios, confirmada por el cliente',
      booking: 'Reservas',
      materials: 'Entrega de materiales a los medios',
      airing: 'Emisión y monitoreo',
      post_campaign: 'Análisis poscampaña',
      brief: 'Brief aprobado por el gerente de cuentas',
      work: 'El trabajo',
      internal_review: 'Revisión interna',
      client_review: 'Revisión del cliente',
      delivery: 'Entrega',
    },
    'zh-CN': {
      planning: '计划',
      plan_confirmation: '计划修正/客户确认',
      creative_development: '创意发展',
      creative_presentation: '创意提案',
      client_feedback: '客户意见',
      revisions: '提案修正',
      production: '制作',
      media_brief: '媒介简报',
      recommendation: '媒介建议（客户确认）',
      master_plan: '媒介总体计划（客户确认）',
      monthly_schedule: '月度媒介排期（客户确认）',
      booking: '预订',
      materials: '向媒体交付素材',
      airing: '投放与监测',
      post_campaign: '投放后分析',
      brief: '简报经客户经理批准',
      work: '工作执行',
      internal_review: '内部审核',
      client_review: '客户审核',
      delivery: '交付',
    },
  },
);

/**
 * What the built-in templates' milestones deliver, by their template key, in each reader's
 * language: a milestone drawn from one keeps the key (`deliverableKey`) while its deliverable is
 * not changed; one staff typed stays as typed. The English set is the templates' own.
 */
export const builtInDeliverableWords = /* @__PURE__ */ catalogue(
  {
    planning: 'Preliminary advertising plan and work schedule, with the client',
    plan_confirmation: 'The plan as the client confirms it',
    creative_development: 'Concepts and visuals, internally reviewed',
    creative_presentation: 'The detailed creative execution presented to the client',
    client_feedback: "The client's decision on the presented work",
    revisions: "The client's changes, back through the creative team",
    production: 'Final artwork and produced material, approved by the client',
  },
  {
    es: {
      planning: 'Plan publicitario preliminar y calendario de trabajo, con el cliente',
      plan_confirmation: 'El plan tal como lo confirma el cliente',
      creative_development: 'Conceptos y visuales, revisados internamente',
      creative_presentation: 'La ejecución creativa detallada, presentada al cliente',
      client_feedback: 'La decisión del cliente sobre el trabajo presentado',
      revisions: 'Los cambios del cliente, de vuelta por el equipo creativo',
      production: 'Artes finales y material producido, aprobados por el cliente',
    },
    'zh-CN': {
      planning: '初步广告计划和工作时间表（与客户共同制定）',
      plan_confirmation: '经客户确认的计划',
      creative_development: '创意概念和视觉，经内部审核',
      creative_presentation: '向客户提案的详细创意执行',
      client_feedback: '客户对提案作品的决定',
      revisions: '客户的修改意见，经创意团队修正',
      production: '经客户批准的完稿和制作物料',
    },
  },
);

/** The built-in templates' names, by job type, in each reader's language (an edited template's name stays as typed). */
export const builtInTemplateWords = /* @__PURE__ */ catalogue(
  {
    campaign: 'Creative campaign (the standard creative timeline)',
    creative: 'Creative campaign (the standard creative timeline)',
    media: 'Media campaign (brief to post-campaign analysis)',
    research: 'Research job',
    production: 'Production job',
    pr: 'Public relations job',
    promotion: 'Promotion job',
    event: 'Event job',
  },
  {
    es: {
      campaign: 'Campaña creativa (el calendario creativo estándar)',
      creative: 'Campaña creativa (el calendario creativo estándar)',
      media: 'Campaña de medios (del brief al análisis poscampaña)',
      research: 'Trabajo de investigación',
      production: 'Trabajo de producción',
      pr: 'Trabajo de relaciones públicas',
      promotion: 'Trabajo de promoción',
      event: 'Trabajo de evento',
    },
    'zh-CN': {
      campaign: '创意活动（标准创意时间线）',
      creative: '创意活动（标准创意时间线）',
      media: '媒介活动（从简报到投放后分析）',
      research: '调研工作',
      production: '制作工作',
      pr: '公关工作',
      promotion: '促销工作',
      event: '活动工作',
    },
  },
);
