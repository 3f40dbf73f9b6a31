import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so a mail server or client can recognise a repeat after a crash. */
  messageId: string;
}

/** Email through SMTP (nodemailer). The SMTP URL holds a password: it is never logged nor put in an error. */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.SMTP_URL);
  }

  async send(message: EmailMessage): Promise<void> {
    if (!this.config.SMTP_URL) throw new Error('未配置 SMTP_URL，无法发送邮件');
    // Every timeout well inside the delivery's two-minute claim: a hung server cannot outlive the claim and let a
    // second worker send the same message.
    this.transport ??= nodemailer.createTransport({ url: this.config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 }, { from: this.config.SMTP_FROM });
    try {
      await this.transport.sendMail({ to: message.to, subject: message.subject, text: message.text, messageId: message.messageId });
    } catch (e) {
      // nodemailer's messages can echo the server's reply, never our credentials; strip any URL to be sure.
      throw new Error(`邮件发送失败：${(e instanceof Error ? e.message : String(e)).replace(/smtps?:\/\/\S+/g, 'smtp://***')}`);
    }
  }

  onModuleDestroy() {
    this.transport?.close();
  }
}
