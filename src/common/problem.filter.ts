import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { Prisma } from '../generated/prisma/client.js';
import { driverCause, isDatabaseBusy, isDatabaseUnreachable } from '../prisma/database-errors.js';
import { DomainError, type ProblemDetail } from './domain-error.js';
import { fieldOfColumn } from './column-name.js';
import { currentRequestId } from './request-context.js';

const TITLES: Record<number, string> = {
  400: '请求参数无效',
  401: '未登录或登录已失效',
  403: '无权执行此操作',
  404: '资源不存在',
  405: '不支持的请求方法',
  409: '数据冲突',
  413: '内容超过大小限制',
  415: '不支持的文件类型',
  422: '内容无法处理',
  423: '账号已锁定',
  429: '请求过于频繁，请稍后再试',
  431: '请求头过大',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance: string;
  requestId?: string;
  errors?: ProblemDetail[];
  [key: string]: unknown;
}

/** Seconds a client is asked to wait before sending again: a busy moment passes sooner than a restart. */
const BUSY_RETRY_SECONDS = 2;
const UNREACHABLE_RETRY_SECONDS = 5;

export const JSON_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const mb = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

/**
 * The only place that speaks HTTP errors: everything leaves as application/problem+json (RFC 9457), in
 * Chinese, naming the field or the limit, whatever raised it (the services, the validation pipe, the body
 * parser, multer, the database, an unknown route).
 */
@Injectable()
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = this.toProblem(exception, req);
    problem.instance = req.originalUrl ?? req.url;
    problem.requestId = currentRequestId();
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.message : String(exception), exception instanceof Error ? exception.stack : undefined);
    }
    if (res.headersSent) return;
    if (typeof problem.retryAfter === 'number') res.setHeader('Retry-After', String(problem.retryAfter));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: Request): Problem {
    if (exception instanceof DomainError) {
      return this.make(exception.status, exception.code, exception.message, exception.errors, exception.extra);
    }
    if (isDatabaseBusy(exception)) {
      // Nothing was committed: the caller may send the same request again as it is.
      return this.make(503, 'DATABASE.BUSY', '系统繁忙，本次操作未保存任何内容，请稍后重试', undefined, { retryAfter: BUSY_RETRY_SECONDS });
    }
    if (isDatabaseUnreachable(exception)) {
      // A connection lost during COMMIT may have committed: the caller is told to look before sending again.
      return this.make(503, 'DATABASE.UNAVAILABLE', '数据库暂时无法访问，请稍后重试；刚才提交的内容请刷新后确认是否已保存', undefined, { retryAfter: UNREACHABLE_RETRY_SECONDS });
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) return this.database(exception);
    if (exception instanceof HttpException) return this.http(exception, req);
    return this.make(500, 'INTERNAL', '服务器内部错误，请联系管理员并提供请求编号');
  }

  private database(e: Prisma.PrismaClientKnownRequestError): Problem {
    if (e.code === 'P2002') {
      // What reaches here is mostly a race the services' own checks could not see (two requests creating the
      // same record at once): say which values clash and that a retry will show the other's record. With the
      // pg adapter the columns come in the adapter's error, as SQL names.
      const adapter = driverCause(e)?.constraint?.fields;
      const target = e.meta?.target as string[] | string | undefined;
      const columns = Array.isArray(target) ? target : target ? [target] : (adapter ?? []);
      const names = columns.map((c) => fieldOfColumn(c.replace(/"/g, '')));
      const detail = names.length ? `${names.join('、')} 相同的记录已存在（可能刚被他人提交），请刷新后查看` : '相同的记录已存在（可能刚被他人提交），请刷新后查看';
      return this.make(409, 'CONFLICT.DUPLICATE', detail, names.map((field) => ({ field, message: '已存在相同的记录' })));
    }
    if (e.code === 'P2025') return this.make(404, 'NOT_FOUND', '资源不存在');
    if (e.code === 'P2003') return this.make(409, 'CONFLICT.REFERENCE', '引用的数据不存在或仍被引用');
    return this.make(500, 'INTERNAL', '服务器内部错误，请联系管理员并提供请求编号');
  }

  /** Errors raised before our code runs: unknown routes, the body parser, multer, Nest's own pipes. */
  private http(exception: HttpException, req: Request): Problem {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const raw = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : exception.message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const upload = /\/imports/.test(path) ? this.config.IMPORT_MAX_BYTES : this.config.EVIDENCE_MAX_BYTES;
    if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)/.test(message)) {
      return this.make(404, 'ROUTE.NOT_FOUND', `没有这个接口：${req.method} ${path}（接口说明见 /api/docs）`);
    }
    // Before the JSON check: busboy's "Unexpected end of form" (a truncated upload) would read as broken JSON.
    if (/Multipart|Boundary|Unexpected end of form|Malformed part header/i.test(message)) {
      return this.make(400, 'UPLOAD.BAD_FORM', '上传内容不是有效的 multipart/form-data 表单', [{ field: 'file', message: '表单格式错误' }]);
    }
    if (status === 400 && /JSON|Unexpected token|Unexpected end/i.test(message)) {
      const at = /position (\d+)/.exec(message)?.[1];
      return this.make(400, 'REQUEST.MALFORMED_JSON', `请求体不是有效的 JSON${at ? `（第 ${Number(at) + 1} 个字符附近）` : ''}`, [{ field: '(body)', message: 'JSON 格式错误' }]);
    }
    if (status === 413 && /File too large/i.test(message)) {
      return this.make(413, 'UPLOAD.TOO_LARGE', `文件超过 ${mb(upload)} 上限`, [{ field: 'file', message: `上限 ${mb(upload)}` }]);
    }
    if (status === 413) {
      return this.make(413, 'REQUEST.TOO_LARGE', `请求体超过 ${mb(JSON_BODY_LIMIT_BYTES)} 上限`, [{ field: '(body)', message: `上限 ${mb(JSON_BODY_LIMIT_BYTES)}` }]);
    }
    if (/Unexpected (file )?field|Too many files|Too many parts|Too many fields|Field name too long|Field value too long/i.test(message)) {
      return this.make(400, 'UPLOAD.BAD_FORM', '上传表单不正确：请只以字段名 file 上传一个文件', [{ field: 'file', message: '应以字段名 file 上传一个文件' }]);
    }
    const detail = /[\u4e00-\u9fff]/.test(message) ? message : (TITLES[status] ?? '请求失败');
    return this.make(status, `HTTP.${status}`, detail);
  }

  private make(status: number, code: string, detail: string, errors?: ProblemDetail[], extra?: Record<string, unknown>): Problem {
    return {
      type: `about:blank`,
      title: TITLES[status] ?? '请求失败',
      status,
      detail,
      code,
      instance: '',
      ...(errors?.length ? { errors } : {}),
      ...(extra ?? {}),
    };
  }
}
