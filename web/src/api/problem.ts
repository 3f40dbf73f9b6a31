/** One entry of a problem's `errors` list, as the service's problem filter writes it. */
export interface ProblemField {
  field?: string;
  line?: number;
  message: string;
  value?: unknown;
}

/** application/problem+json (RFC 9457) as the service sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemField[];
  [key: string]: unknown;
}

/** Thrown by the API client for every answer that is not 2xx, and for a network that is down. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `请求失败（${status}）`);
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): ProblemField[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** What a clerk should read when the network, not the service, failed. */
export const NETWORK_PROBLEM: Problem = {
  status: 0,
  title: '无法连接服务器',
  detail: '无法连接服务器，请检查网络后重试；如持续出现，请联系系统管理员。',
  code: 'NETWORK',
};

// class-validator writes its default messages in English; clerks read Chinese. These patterns cover the
// constraints the service's DTOs use, so a field error reads as a sentence, not as "percent must not be greater than 100".
const ENGLISH_RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/should not exist$/, () => '不允许的字段'],
  [/must not be greater than (\S+)$/, (m) => `不能大于 ${m[1]}`],
  [/must not be less than (\S+)$/, (m) => `不能小于 ${m[1]}`],
  [/must be longer than or equal to (\d+) characters?$/, (m) => `至少 ${m[1]} 个字`],
  [/must be shorter than or equal to (\d+) characters?$/, (m) => `最多 ${m[1]} 个字`],
  [/must contain at least (\d+) elements?$/, (m) => `至少 ${m[1]} 项`],
  [/must contain no more than (\d+) elements?$/, (m) => `最多 ${m[1]} 项`],
  [/must be an integer number$/, () => '须为整数'],
  [/must be a number/, () => '须为数字'],
  [/must be a string$/, () => '须为文字'],
  [/must be a boolean value$/, () => '须为是或否'],
  [/must be a UUID$/, () => '格式不正确'],
  [/must be one of the following values: (.+)$/, () => '取值不在允许范围内'],
  [/must be a valid enum value$/, () => '取值不在允许范围内'],
  [/should not be empty$/, () => '不能为空'],
  [/must be an array$/, () => '须为列表'],
  [/must match .+ regular expression$/, () => '格式不正确'],
];

/** A field error's message in Chinese: the service's own Chinese messages pass through unchanged. */
export function fieldMessage(message: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  for (const [re, say] of ENGLISH_RULES) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}

/** The sentence to show for an error, in words a clerk understands. */
export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    const p = e.problem;
    if (e.status === 0) return NETWORK_PROBLEM.detail!;
    const detail = p.detail && p.detail !== p.title ? p.detail : (p.title ?? `请求失败（${e.status}）`);
    return detail;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
