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

export const notFound = (what: string, code = 'NOT_FOUND') => new DomainError(code, 404, `${what}不存在`);
