import { catalogue } from './i18n.js';

/** The frame of every email: the facts' labels and the signature, in the reader's language. */
export const emailWords = /* @__PURE__ */ catalogue(
  {
    client: 'Client',
    job: 'Job',
    step: 'Step',
    requestedBy: 'Requested by',
    deadline: 'Deadline',
    note: 'Note',
    versionOf: (title: string, version: number) => `${title}, version ${version}`,
    signature: (agency: string) => `— ${agency}, Account Desk`,
  },
  {
    es: {
      client: 'Cliente',
      job: 'Orden de trabajo',
      step: 'Paso',
      requestedBy: 'Solicitado por',
      deadline: 'Plazo',
      note: 'Nota',
      versionOf: (title: string, version: number) => `${title}, versión ${version}`,
      signature: (agency: string) => `— ${agency}, Account Desk`,
    },
    'zh-CN': {
      client: '客户',
      job: '工作项目',
      step: '步骤',
      requestedBy: '提交人',
      deadline: '截止时间',
      note: '说明',
      versionOf: (title: string, version: number) => `${title}，第 ${version} 版`,
      signature: (agency: string) => `—— ${agency}，Account Desk`,
    },
  },
);

/**
 * Problem details in the reader's language (`Accept-Language`): a title per status, and the
 * messages the HTTP layer itself writes. `code` and `field` never change with the language.
 */
export const problemWords = /* @__PURE__ */ catalogue(
  {
    titles: {
      400: 'Please check what you sent',
      401: 'Please sign in again',
      403: 'Not allowed for your role',
      404: 'Not found, or not yours to see',
      409: 'This cannot be done now',
      410: 'No longer available',
      413: 'Too large',
      415: 'Not understood',
      422: 'Something needed is missing',
      428: 'Reload and try again',
      429: 'Too many attempts; wait a moment',
      500: 'Something went wrong on our side; nothing was changed',
      503: 'Account Desk is busy; try again in a moment',
    } as Record<number, string>,
    notAField: (keys: string) => `Not a field you may set: ${keys}.`,
    noBody: 'This request takes no body.',
  },
  {
    es: {
      titles: {
        400: 'Revise lo que envió',
        401: 'Inicie sesión de nuevo',
        403: 'No permitido para su función',
        404: 'No encontrado, o no le corresponde verlo',
        409: 'No se puede hacer ahora',
        410: 'Ya no está disponible',
        413: 'Demasiado grande',
        415: 'No se entiende',
        422: 'Falta algo necesario',
        428: 'Recargue e inténtelo de nuevo',
        429: 'Demasiados intentos; espere un momento',
        500: 'Algo falló de nuestro lado; no se cambió nada',
        503: 'Account Desk está ocupado; inténtelo de nuevo en un momento',
      },
      notAField: (keys: string) => `No es un campo que usted pueda indicar: ${keys}.`,
      noBody: 'Esta solicitud no lleva contenido.',
    },
    'zh-CN': {
      titles: {
        400: '请检查您提交的内容',
        401: '请重新登录',
        403: '您的职位不允许此操作',
        404: '未找到，或您无权查看',
        409: '目前无法执行',
        410: '已不再可用',
        413: '内容过大',
        415: '无法识别',
        422: '缺少必要的内容',
        428: '请重新加载后再试',
        429: '尝试次数过多，请稍候',
        500: '我们这边出了问题，未做任何更改',
        503: 'Account Desk 正忙，请稍后再试',
      },
      notAField: (keys: string) => `这不是您可以设置的字段：${keys}。`,
      noBody: '此请求不接受请求体。',
    },
  },
);

/**
 * What a refusal with a known `code` means, for a Spanish or Chinese reader: the general rule. The
 * English detail is the one the domain wrote where it refused (it names the exact item), so English
 * has no entry. Every code the server answers is here unless each place answering it gives its own
 * words in every language (`detailIn`): tests/unit/refusal-words.test.ts reads the codes from the source.
 */
export const problemDetailTranslations: Readonly<Record<'es' | 'zh-CN', Record<string, string>>> = {
  es: {
    validation_failed: 'Parte de lo enviado no es válido.',
    malformed_json: 'El contenido enviado no es JSON válido.',
    unauthorized: 'Hace falta una sesión válida de personal de la agencia.',
    not_found: 'No existe, o pertenece a un cliente con el que usted no trabaja.',
    version_conflict: 'Otra persona lo cambió mientras tanto. Recargue y vuelva a hacer su cambio.',
    precondition_required: 'Recargue y vuelva a hacer su cambio (falta la versión que está cambiando).',
    payload_too_large: 'Lo enviado es demasiado grande.',
    unsupported_media_type: 'Lo enviado debe ser JSON.',
    too_many_requests: 'Demasiados intentos seguidos. Espere un momento antes de volver a intentarlo.',
    stale_form: 'Este formulario ha caducado: recargue la página y vuelva a decidir.',
    service_busy:
      'Account Desk está ocupado y no pudo terminar a tiempo. Envíelo de nuevo en un momento; si crea algo, con la misma Idempotency-Key.',
    internal_error: 'Algo falló de nuestro lado; no se cambió nada.',
    duplicate_code: 'Otro cliente ya tiene este código.',
    already_decided: 'Esta aprobación ya fue decidida.',
    superseded: 'Una versión más reciente ha ocupado el lugar de esta.',
    superseded_version: 'Solo la última versión puede someterse a revisión.',
    review_in_progress: 'Ya hay una revisión en curso.',
    job_closed: 'Esta orden de trabajo está cerrada.',
    upload_missing: 'El archivo no llegó. Súbalo de nuevo.',
    upload_too_large: 'El archivo es demasiado grande.',
    // Cost (issue 13): estimates, the signed-total guard, vendors, purchase orders, bills, reconciliations.
    over_signed_total:
      'Esto llevaría el gasto comprometido del trabajo por encima del total que firmó el cliente (el importe excedido va en amountOver). Redúzcalo o consiga antes que el cliente firme una orden de cambio.',
    currency_mismatch: 'El importe debe estar en la moneda del presupuesto firmado del trabajo.',
    unknown_vendor: 'No existe ese proveedor en el registro.',
    vendor_not_approved:
      'Ese proveedor no está aprobado: un director de cuentas aprueba al proveedor antes de que reciba órdenes o reservas.',
    // The rest of the codes (issue s7): every refusal reads in Spanish, as the general rule.
    forbidden: 'Usted no puede hacer esto: no corresponde a su función, o este enlace no es para ello.',
    invalid_if_match: 'La versión enviada no es válida: recargue y vuelva a hacer su cambio.',
    invalid_idempotency_key: 'La Idempotency-Key debe tener de 8 a 255 caracteres ASCII visibles.',
    idempotency_key_reused: 'Esta Idempotency-Key ya se usó con otra solicitud distinta.',
    invalid_next_token:
      'El enlace a la página siguiente no sirve para esta lista: vuelva a abrirla desde el principio.',
    amount_out_of_range: 'Un importe o un total supera lo que Account Desk puede registrar.',
    // Sign-off: reviews, approvers, written confirmations.
    not_a_creative_approver:
      'Alguno de los contactos elegidos no está activo o no está registrado para aprobar creatividades de este cliente.',
    not_a_estimate_approver:
      'Alguno de los contactos elegidos no está activo o no está registrado para aprobar presupuestos de este cliente.',
    not_a_media_approver:
      'Alguno de los contactos elegidos no está activo o no está registrado para aprobar planes de medios de este cliente.',
    not_a_minutes_approver:
      'Alguno de los contactos elegidos no está activo o no está registrado para confirmar actas de este cliente.',
    already_signed: 'El cliente ya firmó esta versión: ya no cambia.',
    // Lines of an estimate, a schedule or a booking.
    unknown_line:
      'Esa línea no existe en este presupuesto, pauta o reserva (una línea nueva va sin identificador).',
  },
  'zh-CN': {
    validation_failed: '您提交的部分内容无效。',
    malformed_json: '提交的内容不是有效的 JSON。',
    unauthorized: '需要有效的公司员工登录。',
    not_found: '该项不存在，或属于您未负责的客户。',
    version_conflict: '其他人已同时修改了此项。请重新加载后再修改。',
    precondition_required: '请重新加载后再修改（缺少您所修改的版本）。',
    payload_too_large: '提交的内容过大。',
    unsupported_media_type: '提交的内容必须是 JSON。',
    too_many_requests: '连续尝试次数过多。请稍候再试。',
    stale_form: '此表单已过期：请重新加载页面后再做决定。',
    service_busy:
      'Account Desk 正忙，未能及时完成。请稍后重新提交；如是新建内容，请使用相同的 Idempotency-Key。',
    internal_error: '我们这边出了问题，未做任何更改。',
    duplicate_code: '另一个客户已使用此代码。',
    already_decided: '此审批已经做出决定。',
    superseded: '已有更新的版本取代了此版本。',
    superseded_version: '只有最新版本可以提交审核。',
    review_in_progress: '已有一个审核正在进行。',
    job_closed: '此工作项目已关闭。',
    upload_missing: '文件未送达，请重新上传。',
    upload_too_large: '文件过大。',
    // Cost (issue 13): estimates, the signed-total guard, vendors, purchase orders, bills, reconciliations.
    over_signed_total:
      '这会使该工作的已承诺支出超过客户签署的总额（超出金额见 amountOver）。请减少金额，或先请客户签署变更单。',
    currency_mismatch: '金额必须使用该工作已签署估价的货币。',
    unknown_vendor: '供应商名录中没有该供应商。',
    vendor_not_approved: '该供应商尚未获批准：供应商须经客户总监批准后才能接收订单或订位。',
    // The rest of the codes (issue s7): every refusal reads in Chinese, as the general rule.
    forbidden: '您不能执行此操作：这不属于您的职责，或此链接并非用于此。',
    invalid_if_match: '提交的版本无效：请重新加载后再修改。',
    invalid_idempotency_key: 'Idempotency-Key 须为 8 至 255 个可见 ASCII 字符。',
    idempotency_key_reused: '此 Idempotency-Key 已用于另一个不同的请求。',
    invalid_next_token: '下一页的链接不适用于此列表：请从头重新打开列表。',
    amount_out_of_range: '某个金额或总额超出了 Account Desk 可记录的范围。',
    // Sign-off: reviews, approvers, written confirmations.
    not_a_creative_approver: '所选联系人中有人已不在职，或未登记为此客户的创意审批人。',
    not_a_estimate_approver: '所选联系人中有人已不在职，或未登记为此客户的估价审批人。',
    not_a_media_approver: '所选联系人中有人已不在职，或未登记为此客户的媒介计划审批人。',
    not_a_minutes_approver: '所选联系人中有人已不在职，或未登记为此客户的会议记录确认人。',
    already_signed: '客户已签署此版本：不再更改。',
    // Lines of an estimate, a schedule or a booking.
    unknown_line: '该估价、排期或订位中没有这一行（新增的行不填编号）。',
  },
};
