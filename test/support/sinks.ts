import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free port that keeps every message it accepts. */
export async function startSmtpSink(): Promise<{ url: string; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedHook {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; text: { content: string } };
}

/**
 * A real HTTP receiver standing in for WeCom and DingTalk robots. It answers {"errcode":0}, or refuses while
 * `failing` is set; a DingTalk request under /dingtalk must carry a valid signature for `dingtalkSecret`.
 */
export async function startWebhookSink(dingtalkSecret?: string) {
  const hooks: ReceivedHook[] = [];
  const state = { failing: false, badSignatures: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (state.failing) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 500, errmsg: 'busy' }));
        return;
      }
      if (url.pathname.startsWith('/dingtalk') && dingtalkSecret) {
        const ts = url.searchParams.get('timestamp') ?? '';
        const want = createHmac('sha256', dingtalkSecret).update(`${ts}\n${dingtalkSecret}`).digest('base64');
        if (url.searchParams.get('sign') !== want) {
          state.badSignatures++;
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }));
          return;
        }
      }
      hooks.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, hooks, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
