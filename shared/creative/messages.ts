import { catalogue } from '../platform/i18n.js';
import type { RefusalWords } from '../platform/refusal-words.js';

/** What approving a creative draft leads to, as the approval page tells the client, in their language. */
export const creativeWords = /* @__PURE__ */ catalogue(
  {
    artworkToFinal:
      'The artwork goes on to final artwork approval: once the finished file is ready and meets the media specs, you will be asked to approve it.',
    finalReleased: 'The final artwork is released to production exactly as shown.',
    released: 'This version is released to production exactly as shown.',
  },
  {
    es: {
      artworkToFinal:
        'El arte pasa a la aprobación del arte final: cuando el archivo terminado esté listo y cumpla las especificaciones de los medios, se le pedirá que lo apruebe.',
      finalReleased: 'El arte final se entrega a producción exactamente como se muestra.',
      released: 'Esta versión se entrega a producción exactamente como se muestra.',
    },
    'zh-CN': {
      artworkToFinal: '作品将进入完稿确认：成品文件完成并符合媒体规格后，会请您确认。',
      finalReleased: '完稿将完全按所示内容交付制作。',
      released: '此版本将完全按所示内容交付制作。',
    },
  },
);

/**
 * What this context's refusals mean, by code, for a Spanish or Chinese reader (the general rule;
 * the English detail is written where it refuses). Registered by index.ts, so a function carries
 * the words of the contexts it uses and no others.
 */
export const creativeRefusalWords: RefusalWords = {
  es: {
    not_uploaded: 'Esta versión aún no tiene un archivo aceptado.',
    already_released:
      'El cliente ya aprobó esta versión y pasó a producción: no se revisa de nuevo. Para cambiarla, suba una versión nueva y envíela a revisión.',
  },
  'zh-CN': {
    not_uploaded: '此版本尚无被接受的文件。',
    already_released: '客户已批准此版本并已交付制作：不再重新审核。如需修改，请上传新版本并送审。',
  },
};
