#!/usr/bin/env node
// A local SMTP sink for the demo: prints every email the service sends (headers and text) to the terminal.
// Run `node scripts/mail-sink.mjs [port]` (default 2525), then start the service with SMTP_URL=smtp://127.0.0.1:2525.
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 2525);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head, ...body] = raw.split(/\r?\n\r?\n/);
      const text = body.join('\n\n');
      // nodemailer sends Chinese text as base64 or quoted-printable: decode what is readable.
      const decoded = /Content-Transfer-Encoding: base64/i.test(raw) ? Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('utf8') : text;
      process.stdout.write(`\n=== 邮件 → ${session.envelope.rcptTo.map((r) => r.address).join(', ')} ===\n${head}\n\n${decoded}\n`);
      callback();
    });
  },
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`SMTP 收信器已启动：SMTP_URL=smtp://127.0.0.1:${port}\n`));
