import { catalogue } from '../platform/i18n.js';
import type { PlanKind, UnitType } from './schemas.js';

/**
 * What media writes for a client to read about a plan — what confirming a version leads to, the
 * plan's lines and totals on the approval page — in the reader's language.
 */
export const mediaWords = catalogue(
  {
    confirmLeadsTo: {
      recommendation: 'the agency then drafts the media master plan from it, for your confirmation',
      master_plan: 'the agency then drafts the monthly schedules from it, for your confirmation',
      monthly_schedule: 'the agency may then book exactly these lines with the media owners',
    } as Record<PlanKind, string>,
    goesOnFromIt: 'the agency goes on from it',
    confirmed: (next: string) =>
      `This version is confirmed as shown on this page — lines, rates and total — and ${next}.`,
    shownCaption: (lines: number) =>
      `What you confirm: ${lines} line${lines === 1 ? '' : 's'} of this version`,
    columns: ['Line', 'Channel', 'Vendor', 'Placement', 'Dates', 'Units', 'Rate', 'Cost'],
    totalCost: 'Total cost',
    budget: 'Campaign budget',
    flight: 'Flight',
    /** A count and whether it is one (Chinese has no plural). */
    units: {
      spots: (n: string, one: boolean) => `${n} ${one ? 'spot' : 'spots'}`,
      insertions: (n: string, one: boolean) => `${n} ${one ? 'insertion' : 'insertions'}`,
      impressions: (n: string, one: boolean) => `${n} ${one ? 'impression' : 'impressions'}`,
    } as Record<UnitType, (n: string, one: boolean) => string>,
    rate: {
      spots: (rate: string) => `${rate} per spot`,
      insertions: (rate: string) => `${rate} per insertion`,
      impressions: (rate: string) => `${rate} CPM (per 1,000 impressions)`,
    } as Record<UnitType, (rate: string) => string>,
  },
  {
    es: {
      confirmLeadsTo: {
        recommendation: 'a partir de ella la agencia prepara el plan maestro de medios, para su confirmación',
        master_plan: 'a partir de ella la agencia prepara las pautas mensuales, para su confirmación',
        monthly_schedule: 'la agencia podrá reservar exactamente estas líneas con los medios',
      },
      goesOnFromIt: 'la agencia continúa a partir de ella',
      confirmed: (next: string) =>
        `Esta versión queda confirmada tal como se muestra en esta página —líneas, tarifas y total— y ${next}.`,
      shownCaption: (lines: number) =>
        `Lo que usted confirma: ${lines} ${lines === 1 ? 'línea' : 'líneas'} de esta versión`,
      columns: ['Línea', 'Canal', 'Proveedor', 'Ubicación', 'Fechas', 'Unidades', 'Tarifa', 'Costo'],
      totalCost: 'Costo total',
      budget: 'Presupuesto de la campaña',
      flight: 'Periodo de la campaña',
      units: {
        spots: (n: string, one: boolean) => `${n} ${one ? 'spot' : 'spots'}`,
        insertions: (n: string, one: boolean) => `${n} ${one ? 'inserción' : 'inserciones'}`,
        impressions: (n: string, one: boolean) => `${n} ${one ? 'impresión' : 'impresiones'}`,
      },
      rate: {
        spots: (rate: string) => `${rate} por spot`,
        insertions: (rate: string) => `${rate} por inserción`,
        impressions: (rate: string) => `${rate} CPM (por 1000 impresiones)`,
      },
    },
    'zh-CN': {
      confirmLeadsTo: {
        recommendation: '公司将据此拟定媒介总体计划，供您确认',
        master_plan: '公司将据此拟定月度排期，供您确认',
        monthly_schedule: '公司可以按这些条目向媒体订位',
      },
      goesOnFromIt: '公司将据此继续推进',
      confirmed: (next: string) => `此版本按本页所示（条目、价格和总额）确认，${next}。`,
      shownCaption: (lines: number) => `您确认的内容：此版本的 ${lines} 个条目`,
      columns: ['条目', '渠道', '媒体供应商', '版位', '日期', '数量', '单价', '费用'],
      totalCost: '总费用',
      budget: '活动预算',
      flight: '投放期',
      units: {
        spots: (n: string, _one: boolean) => `${n} 次`,
        insertions: (n: string, _one: boolean) => `${n} 次刊登`,
        impressions: (n: string, _one: boolean) => `${n} 次曝光`,
      },
      rate: {
        spots: (rate: string) => `每次 ${rate}`,
        insertions: (rate: string) => `每次刊登 ${rate}`,
        impressions: (rate: string) => `${rate} CPM（每千次曝光）`,
      },
    },
  },
);
