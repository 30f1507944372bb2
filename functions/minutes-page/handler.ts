import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  answerMinutesByLink,
  minutesFormSchema,
  minutesWords,
  showMinutesPage,
} from '../../shared/client-record/index.js';
import { requestMeta } from '../http/api.js';
import { parseLinkForm, sameOrigin } from '../http/link-form.js';
import { browserLanguage, linkPage } from '../http/link-page.js';
import { renderPage, statusOf } from './page.js';
import { minutesLinkParams } from './routes.js';

const maxFormBytes = 16 * 1024;

/** The attendee's language is recorded with the contact; the link's facts say it. */
const page = linkPage({
  name: 'Minutes page',
  contentSecurityPolicy:
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  render: renderPage,
  statusOf,
  languageOf: (shown) => ('facts' in shown ? shown.facts.language : undefined),
  noticeWords: (language) => minutesWords[language].page,
});

async function serve(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const method = event.requestContext.http.method;
  const params = minutesLinkParams.safeParse(event.pathParameters ?? {});
  const token = params.success ? params.data.token : '';
  const meta = requestMeta(event);
  if (method === 'GET' || method === 'HEAD')
    return page.show(await showMinutesPage(token, meta, method), event, method);

  const browser = browserLanguage(event);
  const words = minutesWords[browser].page;
  const form = parseLinkForm(event, minutesFormSchema, maxFormBytes);
  if (!form)
    return page.respond(page.notice(400, words.notUnderstoodTitle, words.notUnderstood), method, browser);
  if (!sameOrigin(event))
    return page.respond(page.notice(403, words.notAcceptedTitle, words.notFromPage), method, browser);
  return page.show(await answerMinutesByLink(token, form, meta), event, method);
}

export const handler = page.handler(serve);
