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
