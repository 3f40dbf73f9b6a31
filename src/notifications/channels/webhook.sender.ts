import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';

const TIMEOUT_MS = 10_000;

/**
 * WeCom (企业微信) and DingTalk (钉钉) group robots. Both take a JSON text message and answer
 * `{"errcode":0}` on success; anything else is a failure to retry. DingTalk's signed robots want
 * `timestamp` and `sign` = base64(HMAC-SHA256(secret, "timestamp\nsecret")) on the URL.
 */
@Injectable()
export class WebhookSender {
  async sendWecom(url: string, text: string): Promise<void> {
    await this.post(url, { msgtype: 'text', text: { content: text } }, '企业微信');
  }

  async sendDingtalk(url: string, secret: string | null, text: string, now = Date.now()): Promise<void> {
    await this.post(secret ? signDingtalk(url, secret, now) : url, { msgtype: 'text', text: { content: text } }, '钉钉');
  }

  private async post(url: string, body: unknown, name: string): Promise<void> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      // The URL carries the robot's key: the error names the channel, never the address.
      throw new Error(`${name}机器人无法连接：${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`.replace(/https?:\/\/\S+/g, '***'));
    }
    const answer = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!res.ok || !answer || answer.errcode !== 0) {
      throw new Error(`${name}机器人拒收（HTTP ${res.status}${answer?.errcode !== undefined ? `，errcode ${answer.errcode}` : ''}${answer?.errmsg ? `：${String(answer.errmsg).slice(0, 200)}` : ''}）`);
    }
  }
}

export function signDingtalk(url: string, secret: string, timestamp: number): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', sign);
  return u.toString();
}
