import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  ip?: string;
  /** Set by the auth guard once the caller is known; audit events read it. */
  actor?: { id: string; name: string; unitId: string };
}

/** Carries the request id (and later the actor) to logs and audit events without threading it through every call. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
