import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { constants as zlibConstants } from 'node:zlib';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JSON_BODY_LIMIT_BYTES } from './common/problem.filter.js';
import { requestContext } from './common/request-context.js';
import { SanitizePipe } from './common/sanitize.pipe.js';
import { createValidationPipe } from './common/validation.js';
import { mountQueueDashboard } from './jobs/queue-dashboard.js';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** Everything main.ts and the e2e tests share, so tests run the same HTTP surface users get. */
export function setupApp(app: INestApplication, logger: Logger): INestApplication {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', requestId);
    // Answers carry one unit's data under its session: no browser or proxy may keep them (the console's own
    // files set their own caching). With nothing stored, an ETag would only cost a hash of every answer.
    res.setHeader('Cache-Control', 'no-store');
    requestContext.run({ requestId, ip: req.ip }, next);
  });
  // JSON answers shrink to a tenth (a city plan's dashboard 197 KB → about 20 KB): less to send to a county's office over
  // the provincial network, and less for the service to write. Small answers, files that are already
  // compressed (xlsx, docx, the console's precompressed scripts) and clients that do not ask are left alone.
  // Brotli (what browsers prefer) at quality 1: on a 166 KB page of work items the library's default, 4, took
  // 0.47 ms for 4.9 KB and quality 1 took 0.09 ms for 5.5 KB (docs/performance.md).
  app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } } }));
  app.use(
    pinoHttp({
      logger,
      genReqId: (_req, res) => String(res.getHeader('x-request-id')),
      // Our serializers read three fields of the raw request and one of the response: pino-http's wrapping
      // first copied each into a full object (headers included) for every request, and a customProps of
      // `{}` made a second child logger per request. Both cost more than the rest of /auth/me's logging
      // (docs/performance.md).
      wrapSerializers: false,
      serializers: {
        // The URL as sent, as pino-http's own serializer logged it: inside a mounted Express app req.url is relative.
        req: (req: { id: string; method: string; url: string; originalUrl?: string }) => ({ id: req.id, method: req.method, url: req.originalUrl ?? req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  mountQueueDashboard(app);
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  // A unit's batch of 40 items with long narratives passes the parser's 100 KB default.
  (app as NestExpressApplication).useBodyParser('json', { limit: JSON_BODY_LIMIT_BYTES });
  (app as NestExpressApplication).set('etag', false);
  app.useGlobalPipes(new SanitizePipe(), createValidationPipe());
  app.enableShutdownHooks();
  answerMalformedRequests(app.getHttpServer());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('碳达峰实施方案责任落实跟踪系统 API')
      .setDescription('方案、单位、工作事项与任务分工表导入。错误统一以 application/problem+json 返回。')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

/**
 * Requests Node's HTTP parser refuses before any middleware runs (a URL or headers over its 16 KB limit,
 * a broken request line) get problem+json too, instead of an empty reply.
 */
function answerMalformedRequests(server: Server) {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const body = JSON.stringify({
      type: 'about:blank',
      title: tooLarge ? '请求头过大' : '请求格式错误',
      status,
      detail: tooLarge ? '网址或请求头超过 16 KB 上限，请缩短查询条件' : '请求格式错误，服务器无法解析',
      code: tooLarge ? 'REQUEST.HEADERS_TOO_LARGE' : 'REQUEST.MALFORMED',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
