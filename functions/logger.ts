/** The function layer's logger is the one the domain logs with (`shared/platform/telemetry.ts`). */
export { logger } from '../shared/platform/telemetry.js';
