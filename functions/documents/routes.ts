import * as z from 'zod';
import { defineRoute } from '../http/route-spec.js';

/**
 * Document links in emails (an insertion order to its vendor, a report to the account team): the
 * token is the credential, bound to one reader and one exact file. Every bad token gets the same
 * answer, so the path accepts any string and the domain decides.
 */
export const documentLinkParams = z.strictObject({ token: z.string().min(1).max(200) });

const answer = {
  status: 303,
  description:
    'See Other: a presigned GET of exactly the linked file version, made now, for a few minutes. 404: the link is not valid or has expired; 403: its reader may no longer open it (left the team, order cancelled); 429: too many attempts.',
  mediaType: 'text/html' as const,
};

export const documentRoutes = {
  openDocumentLink: defineRoute({
    method: 'GET',
    path: '/documents/{token}',
    operationId: 'openDocumentLink',
    summary:
      'Open a file from an email link: the link’s reader is checked as things stand now (staff still on the client’s team, a vendor’s order not cancelled), then the file is presigned on the spot.',
    public: true,
    params: documentLinkParams,
    response: answer,
  }),
  headDocumentLink: defineRoute({
    method: 'HEAD',
    path: '/documents/{token}',
    operationId: 'headDocumentLink',
    summary: 'As GET, without a body (mail scanners check links this way).',
    public: true,
    params: documentLinkParams,
    response: answer,
  }),
};
