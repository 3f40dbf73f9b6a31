// The test's own calls to the public API (Node side): looking up ids and preparing data a journey
// needs, exactly as any client would.
import { DEMO_PASSWORD } from './paths';

export function baseUrl(): string {
  return process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT}`;
}

export interface Api {
  get<T = unknown>(path: string): Promise<T>;
  send<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  upload<T = unknown>(path: string, fileName: string, content: string): Promise<T>;
}

export async function apiAs(username: string, password = DEMO_PASSWORD): Promise<Api> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${accessToken}` };
  const answer = async <T>(r: Response, what: string): Promise<T> => {
    if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
    const text = await r.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: async (path) => answer(await fetch(`${baseUrl()}/api/v1${path}`, { headers: auth }), `GET ${path}`),
    send: async (method, path, body) =>
      answer(await fetch(`${baseUrl()}/api/v1${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }), `${method} ${path}`),
    upload: async (path, fileName, content) => {
      const form = new FormData();
      form.append('file', new Blob([content], { type: 'text/csv' }), fileName);
      return answer(await fetch(`${baseUrl()}/api/v1${path}`, { method: 'POST', headers: auth, body: form }), `POST ${path}`);
    },
  };
}

export interface PlanSummary {
  id: string;
  title: string;
  jurisdictionId: string;
}

export async function demoPlan(api: Api): Promise<PlanSummary> {
  const plans = await api.get<PlanSummary[]>('/plans');
  const plan = plans.find((p) => p.title.startsWith('银川市碳达峰实施方案'));
  if (!plan) throw new Error('demo plan missing');
  return plan;
}

export async function unitId(api: Api, name: string): Promise<string> {
  const page = await api.get<{ items: { id: string; name: string }[] }>(`/units?q=${encodeURIComponent(name)}&pageSize=50`);
  const unit = page.items.find((u) => u.name === name);
  if (!unit) throw new Error(`unit ${name} missing`);
  return unit.id;
}
