import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Prisma } from '../generated/prisma/client.js';
import { DomainError, type ProblemDetail } from './domain-error.js';
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
  429: '请求过于频繁，请稍后再试',
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

/** The only place that speaks HTTP errors: everything leaves as application/problem+json (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl ?? req.url;
    problem.requestId = currentRequestId();
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? exception.message : String(exception), exception instanceof Error ? exception.stack : undefined);
    }
    if (res.headersSent) return;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return this.make(exception.status, exception.code, exception.message, exception.errors, exception.extra);
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) {
      if (exception.code === 'P2002') return this.make(409, 'CONFLICT.DUPLICATE', '数据已存在，违反唯一约束');
      if (exception.code === 'P2025') return this.make(404, 'NOT_FOUND', '资源不存在');
      if (exception.code === 'P2003') return this.make(409, 'CONFLICT.REFERENCE', '引用的数据不存在或仍被引用');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'object' && body && 'message' in body ? (body as { message: unknown }).message : exception.message;
      const detail = Array.isArray(message) ? message.join('; ') : String(message);
      return this.make(status, `HTTP.${status}`, TITLES[status] && /^[\x00-\x7f]*$/.test(detail) ? TITLES[status] : detail);
    }
    return this.make(500, 'INTERNAL', '服务器内部错误，请联系管理员并提供请求编号');
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
