import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { decideByLink, renewLink, showLinkPage } from '../../shared/signoff/index.js';
import { requestMeta } from '../http/api.js';
import { parseLinkForm, sameOrigin } from '../http/link-form.js';
import { browserLanguage, linkPage } from '../http/link-page.js';
import { registerSignOffSubjects } from '../signoff-subjects.js';
import { pageMessages } from './messages.js';
import { renderPage, statusOf } from './page.js';
import { linkFormSchema, linkParams } from './routes.js';

registerSignOffSubjects();

const maxFormBytes = 16 * 1024;

/** The contact's language is recorded with the contact; the link's facts say it. */
const page = linkPage({
  name: 'Approval page',
  contentSecurityPolicy:
    "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; media-src *; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  render: renderPage,
  statusOf,
  languageOf: (shown) => ('facts' in shown ? shown.facts.language : undefined),
  noticeWords: (language) => pageMessages[language].notices,
});

async function serve(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const params = linkParams.safeParse(event.pathParameters ?? {});
  const token = params.success ? params.data.token : '';
  const meta = requestMeta(event);
  if (method === 'GET' || method === 'HEAD')
    return page.show(await showLinkPage(token, meta, method, browserLanguage(event)), event, method);

  const browser = browserLanguage(event);
  const words = pageMessages[browser].notices;
  const form = parseLinkForm(event, linkFormSchema, maxFormBytes);
  if (!form)
    return page.respond(page.notice(400, words.notUnderstoodTitle, words.notUnderstood), method, browser);
  if (form.intent === 'renew') {
    await renewLink(token, meta);
    return page.respond({ state: 'renew_sent' }, method, browser);
  }
  if (!sameOrigin(event))
    return page.respond(page.notice(403, words.notAcceptedTitle, words.otherOrigin), method, browser);
  return page.show(await decideByLink(token, form, meta, browser), event, method);
}

export const handler = page.handler(serve);
