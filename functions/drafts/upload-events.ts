import type { EventBridgeEvent } from 'aws-lambda';
import { recordUpload, versionOfObjectKey } from '../../shared/creative/index.js';
import { instrumented } from '../lambda-handler.js';
import { logger } from '../logger.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';

registerSignOffSubjects();

type ObjectCreated = EventBridgeEvent<
  'Object Created',
  { bucket: { name: string }; object: { key: string } }
>;

/**
 * S3 "Object Created" events of the drafts bucket (through EventBridge): the upload is
 * recorded by the same domain function as the completing API call. Errors propagate so
 * EventBridge retries.
 */
export const handler = instrumented<ObjectCreated, void>().handler(async (event) => {
  const key = event.detail.object.key;
  const version = versionOfObjectKey(key);
  if (!version) {
    logger.warn('Object outside the draft layout ignored', { key });
    return;
  }
  await recordUpload(undefined, version.clientId, version.draftId, version.number);
});
