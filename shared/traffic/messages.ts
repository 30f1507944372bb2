import { catalogue } from '../platform/i18n.js';
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
  },
  {
    es: {
      approval: (title: string, version: number) => `${title} v${version}`,
      approvalOf: (approvalId: string) => `Aprobación ${approvalId}`,
      agreedAction: (action: string, meeting: string) => `${action} (acordado en: ${meeting})`,
    },
    'zh-CN': {
      approval: (title: string, version: number) => `${title} 第 ${version} 版`,
      approvalOf: (approvalId: string) => `审批 ${approvalId}`,
      agreedAction: (action: string, meeting: string) => `${action}（议定于：${meeting}）`,
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
    },
  },
);

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
