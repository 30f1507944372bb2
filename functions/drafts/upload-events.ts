import type { EventBridgeEvent } from 'aws-lambda';
import { recordUpload, versionOfObjectKey } from '../../shared/creative/index.js';
import { importUploadedFile, monitoringImportOfObjectKey } from '../../shared/media/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';

registerSignOffSubjects();

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string } }
>;

/**
 * S3 "Object Created" events of the drafts bucket (through EventBridge): a draft upload is
 * recorded by the same domain function as the completing API call; a monitoring CSV starts its
 * import workflow. Errors propagate so EventBridge retries.
 */
export const handler = instrumented<ObjectCreated, void>().handler(async (event) => {
  const key = event.detail.object.key;
  const version = versionOfObjectKey(key);
  if (version) {
    await recordUpload(undefined, version.clientId, version.draftId, version.number, key);
    return;
  }
  const monitoring = monitoringImportOfObjectKey(key);
  if (monitoring) {
    await importUploadedFile(monitoring);
    return;
  }
  logger.info('Object outside the upload layouts ignored', { key });
});
