// The console's only way to the service. Paths, parameters and request bodies are typed by the
// generated `paths` (schema.d.ts, from the service's OpenAPI document): a renamed route or a changed
// DTO fails `tsc`, not the user. Response bodies are read through the screens' view types (views.ts),
// each checked at compile time against the response the document declares.
import createClient, { type MaybeOptionalInit } from 'openapi-fetch';
import { ApiError, NETWORK_PROBLEM, type Problem } from './problem';
import type { paths } from './schema';
import { session } from './session';
import type { Declared, Views } from './views';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathsWith<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never }[keyof paths];

type ViewOf<P, M> = P extends keyof Views ? (M extends keyof Views[P] ? Views[P][M] : never) : never;
/** The body a route answers with: the screens' view of it where views.ts has one (checked against the document), else the document's type. */
export type Data<P extends keyof paths, M extends Method> = [ViewOf<P, M>] extends [never] ? Declared<P, M> : ViewOf<P, M>;

type Init<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>;
type InitArgs<I> = undefined extends I ? [init?: I] : [init: I];

const AUTH_PATHS = ['/api/v1/auth/login', '/api/v1/auth/refresh'];

let refreshing: Promise<boolean> | null = null;

/**
 * How long a request that decides whether the user can go on (renewing the session, loading the user at
 * page load) waits for the service: one that never answers (a proxy holding the connection) must end in
 * "服务暂时无法访问" and a way to retry, not a spinner for ever.
 */
export const SESSION_WAIT_MS = 15_000;

/** Trades the refresh token for new tokens once, however many requests found the access token expired. */
export function refreshSession(): Promise<boolean> {
  const refreshToken = session.refreshToken;
  if (!refreshToken) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
        signal: AbortSignal.timeout(SESSION_WAIT_MS),
      });
      if (!res.ok) {
        // Only a refusal ends the session; a service that is briefly down does not.
        if (res.status === 401 || res.status === 400) session.clear();
        return false;
      }
      session.set(await res.json());
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

function withAuth(request: Request): Request {
  const token = session.accessToken;
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/**
 * The answer the service would give a request without a token, made here: with no session, every route
 * but signing in refuses, so the request is not sent (a screen still loading when the session ended
 * would otherwise fire requests that can only fail). The session's end is announced once.
 */
function signedOut(): Response {
  session.clear();
  const problem: Problem = { status: 401, title: '未登录', detail: '登录已失效，请重新登录。' };
  return new Response(JSON.stringify(problem), { status: 401, headers: { 'content-type': 'application/problem+json' } });
}

/**
 * The session could not be renewed because the service did not answer (down, restarting, its database out of
 * reach): refreshSession kept the session, so the user stays signed in and the request can be sent again.
 */
function notRenewed(): Response {
  const problem: Problem = { status: 503, title: '服务暂不可用', detail: '服务暂时无法访问，登录状态已保留，请稍后重试。' };
  return new Response(JSON.stringify(problem), { status: 503, headers: { 'content-type': 'application/problem+json' } });
}

/** After a failed renewal: refreshSession ends the session only when the service refused the refresh token. */
const afterFailedRenewal = (): Response => (session.refreshToken ? notRenewed() : signedOut());

/** Whether a request may go out with an access token: renews it first when only the refresh token is left. */
async function haveAccessToken(): Promise<boolean> {
  if (session.accessToken) return true;
  return !!session.refreshToken && (await refreshSession());
}

/** fetch with the access token, one refresh and one retry when it has expired. */
async function authFetch(request: Request): Promise<Response> {
  const isAuth = AUTH_PATHS.some((p) => new URL(request.url).pathname === p);
  if (!isAuth && !(await haveAccessToken())) return afterFailedRenewal();
  const retry = isAuth ? null : request.clone();
  let res = await fetch(withAuth(request));
  if (res.status === 401 && retry && session.refreshToken) {
    res = (await refreshSession()) ? await fetch(withAuth(retry)) : afterFailedRenewal();
  }
  return res;
}

const client = createClient<paths>({ baseUrl: '', fetch: authFetch });

async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Problem;
      return { ...body, status: res.status };
    } catch {
      // fall through: a body that claims JSON but is not
    }
  }
  const titles: Record<number, string> = {
    413: '文件超过大小限制，请压缩或拆分后再上传。',
    502: '服务暂不可用，请稍后重试。',
    503: '服务暂不可用，请稍后重试。',
    504: '服务响应超时，请稍后重试。',
  };
  return { status: res.status, title: '请求失败', detail: titles[res.status] ?? `请求失败（${res.status}），请稍后重试或联系系统管理员。` };
}

async function call<M extends Method>(method: M, path: string, init: unknown): Promise<unknown> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    const fn = client[method.toUpperCase() as 'GET'] as unknown as (p: string, i: unknown) => Promise<typeof result>;
    result = await fn(path, { ...(init as object), parseAs: 'text' });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_PROBLEM);
  }
  const { response } = result;
  if (!response.ok) {
    // openapi-fetch has read the body already and parsed it when it was JSON.
    const body = result.error;
    let problem: Problem;
    if (body && typeof body === 'object') problem = { ...(body as Problem), status: response.status };
    else problem = await problemOf(new Response(typeof body === 'string' ? body : '', { status: response.status, headers: response.headers }));
    throw new ApiError(response.status, problem);
  }
  const text = typeof result.data === 'string' ? result.data : '';
  return text ? JSON.parse(text) : undefined;
}

export const api = {
  get: <P extends PathsWith<'get'>>(path: P, ...init: InitArgs<Init<P, 'get'>>) => call('get', path, init[0]) as Promise<Data<P, 'get'>>,
  post: <P extends PathsWith<'post'>>(path: P, ...init: InitArgs<Init<P, 'post'>>) => call('post', path, init[0]) as Promise<Data<P, 'post'>>,
  put: <P extends PathsWith<'put'>>(path: P, ...init: InitArgs<Init<P, 'put'>>) => call('put', path, init[0]) as Promise<Data<P, 'put'>>,
  patch: <P extends PathsWith<'patch'>>(path: P, ...init: InitArgs<Init<P, 'patch'>>) => call('patch', path, init[0]) as Promise<Data<P, 'patch'>>,
};

/** Path parameters of a route, e.g. {planId} → { planId: string }. */
type PathParams<P extends keyof paths> = paths[P] extends { post: { parameters: { path: infer X } } } ? X : never;
type QueryParams<P extends keyof paths> = paths[P] extends { post: { parameters: { query?: infer Q } } } ? Q : never;

function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k]));
}

/**
 * Multipart upload with progress (fetch cannot report upload progress). The document describes these
 * bodies as `multipart/form-data` with one field `file`.
 */
export function upload<P extends PathsWith<'post'>>(
  path: P,
  options: {
    path: PathParams<P>;
    // The document types some boolean query flags as `Object` (see web/README.md): strings pass through.
    query?: { [K in keyof NonNullable<QueryParams<P>>]?: string | number | boolean };
    file: File;
    /** Other multipart fields the route takes besides `file` (JSON goes as text). */
    fields?: Record<string, string>;
    onProgress?: (percent: number) => void;
    signal?: AbortSignal;
  },
): Promise<Data<P, 'post'>> {
  const query = new URLSearchParams(Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  const url = fillPath(path, options.path as Record<string, string>) + (query ? `?${query}` : '');
  const send = () =>
    new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      const token = session.accessToken;
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) options.onProgress?.(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText, type: xhr.getResponseHeader('content-type') ?? '' });
      xhr.onerror = () => reject(new ApiError(0, NETWORK_PROBLEM));
      xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      options.signal?.addEventListener('abort', () => xhr.abort());
      const form = new FormData();
      for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
      form.append('file', options.file);
      xhr.send(form);
    });
  return (async () => {
    if (!(await haveAccessToken())) {
      const refused = afterFailedRenewal();
      throw new ApiError(refused.status, await problemOf(refused));
    }
    let res = await send();
    if (res.status === 401 && session.refreshToken) {
      if (await refreshSession()) res = await send();
      else {
        const refused = afterFailedRenewal();
        throw new ApiError(refused.status, await problemOf(refused));
      }
    }
    if (res.status < 200 || res.status >= 300) {
      throw new ApiError(res.status, await problemOf(new Response(res.body, { status: res.status, headers: { 'content-type': res.type } })));
    }
    return (res.body ? JSON.parse(res.body) : undefined) as Data<P, 'post'>;
  })();
}

/** Downloads a file the API serves behind the access token and hands it to the browser. */
export async function download(url: string, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await authFetch(new Request(url));
  } catch {
    throw new ApiError(0, NETWORK_PROBLEM);
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

