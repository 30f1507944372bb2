import createClient from 'openapi-fetch';
import type { Session } from '../auth/session';
import { apiBase } from '../config';
import { currentLanguage } from '../i18n';
import type { components, paths } from './schema';

/** The API's schemas, generated from docs/openapi.json (`npm run console:types`). */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** A refused request: the API's problem details (RFC 9457), or what the browser knows of a failure. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
  }
}

let session: Session | undefined;

export const api = createClient<paths>({ baseUrl: apiBase });

api.use({
  async onRequest({ request }) {
    if (session) request.headers.set('authorization', `Bearer ${await session.token()}`);
    // The API writes its problem details in the reader's language.
    request.headers.set('accept-language', currentLanguage());
    return request;
  },
});

export function useSession(active: Session) {
  session = active;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The answer's data, or an ApiProblem; a refused token sends the person to sign in again. */
export async function must<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request;
  } catch (error) {
    throw new ApiProblem(0, { code: 'network', detail: String(error) });
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  if (response.status === 401) session?.reauthenticate();
  const problem = typeof error === 'object' && error !== null ? (error as Partial<Problem>) : {};
  throw new ApiProblem(response.status, problem);
}

/** Every page of a list (for lists a person scans whole: the staff directory, pending approvals). */
export async function allPages<T>(
  page: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
  limit = 2000,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const result = await page(nextToken);
    items.push(...result.items);
    nextToken = result.nextToken;
  } while (nextToken && items.length < limit);
  return items;
}

/** If-Match for an update based on this version. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** One key per submitted form: a retried submission creates nothing twice. */
export const idempotencyKey = () => ({ 'idempotency-key': crypto.randomUUID() });

/**
 * Uploads a file to a presigned POST (S3), reporting progress; resolves when S3 accepted it.
 * XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadToPresignedPost(
  upload: { url: string; fields: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new ApiProblem(xhr.status, { code: 'upload_failed', detail: xhr.responseText.slice(0, 300) }));
        return;
      }
      onProgress(1);
      resolve();
    };
    xhr.onerror = () => reject(new ApiProblem(0, { code: 'upload_failed' }));
    xhr.send(form);
  });
}
