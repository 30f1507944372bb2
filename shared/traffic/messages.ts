import { catalogue } from '../platform/i18n.js';

/** What approving a brief or a timetable leads to, as the approval page tells the reader, in their language. */
export const trafficWords = catalogue(
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
