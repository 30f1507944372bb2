import type { RefusalWords } from '../platform/refusal-words.js';

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const jobsRefusalWords: RefusalWords = {
  es: {
    intake_incomplete: 'La ficha de ingreso del cliente aún no está completa.',
    unknown_brand: 'Esa marca no es de este cliente.',
    client_required: 'Para filtrar por marca, indique también el cliente.',
    invalid_owner:
      'El responsable debe ser un ejecutivo de cuentas o superior, activo y del equipo de cuenta del cliente.',
    invalid_status_transition: 'Un trabajo no puede pasar de su estado actual a ese.',
  },
  'zh-CN': {
    intake_incomplete: '客户的基本资料尚未填写完整。',
    unknown_brand: '该品牌不属于此客户。',
    client_required: '按品牌筛选时，请同时指定客户。',
    invalid_owner: '负责人必须是在职的客户执行或以上职位，并且在该客户小组中。',
    invalid_status_transition: '工作项目不能从当前状态转为该状态。',
  },
};
