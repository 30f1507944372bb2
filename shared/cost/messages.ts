import { catalogue } from '../platform/i18n.js';
import type { LineCategory } from './schemas.js';

/** What the client reads of an estimate on the approval page, in their language. */
export const costWords = catalogue(
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
    columns: ['Line', 'Category', 'Description', 'Quantity', 'Unit cost', 'Markup', 'Total'],
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
      columns: ['Línea', 'Categoría', 'Descripción', 'Cantidad', 'Costo unitario', 'Recargo', 'Total'],
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
      columns: ['行', '类别', '说明', '数量', '单价', '加价', '合计'],
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
