/** One entry of a problem's `errors` list: the field or line at fault. */
export interface ProblemDetail {
  field?: string;
  line?: number;
  message: string;
  value?: unknown;
}

/**
 * Services throw DomainErrors with a stable code; the problem filter turns them into
 * application/problem+json. Messages are Chinese because users read them.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly errors?: ProblemDetail[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A write based on an old version: 409 with the version (and record) that is there now. */
export const staleVersion = (what: string, currentVersion: number, current?: unknown) =>
  new DomainError('STALE_VERSION', 409, `${what}已被他人修改（当前版本 ${currentVersion}），请刷新后再提交`, [{ field: 'rowVersion', message: `当前版本 ${currentVersion}` }], {
    currentVersion,
    ...(current === undefined ? {} : { current }),
  });

export const notFound = (what: string, code = 'NOT_FOUND') => new DomainError(code, 404, `${what}不存在`);
