// Generic webhook: JSON POST of the event's fields plus `text` (Slack-compatible), signed with
// `X-Reprise-Signature: sha256=<hex HMAC-SHA256 of the body>` when a secret is set.
import { createHmac } from 'node:crypto';
import { renderText, type NotificationEvent } from '../../domain/notification';
import { postWithRetry, redactAll, type Channel, type Delivery } from './types';

export interface WebhookConfig {
  url: string;
  secret?: string | null;
  timeoutMs?: number;
  maxAttempts?: number;
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The webhook's host only: its path often holds a secret (Slack, Teams). */
export function webhookRecipient(url: string): string {
  try {
    return new URL(url).host || 'webhook';
  } catch {
    return 'invalid-url';
  }
}

export function webhookBody(event: NotificationEvent): string {
  return JSON.stringify({ ...event, at: event.at.toISOString(), text: renderText(event) });
}

export function webhookChannel(cfg: WebhookConfig): Channel {
  const recipient = webhookRecipient(cfg.url);
  const secrets = [cfg.url, cfg.secret ?? ''];
  try {
    const u = new URL(cfg.url);
    secrets.push(u.pathname + u.search, u.password);
  } catch {
    // reported at send time
  }
  return {
    name: 'webhook',
    recipients: [recipient],
    async send(event: NotificationEvent, deadline: number): Promise<Delivery[]> {
      const started = Date.now();
      if (!/^https?:\/\//.test(cfg.url) || recipient === 'invalid-url') {
        return [{ channel: 'webhook', recipient, ok: false, error: 'invalid webhook URL (expected http:// or https://)', attempts: 0, ms: 0 }];
      }
      const body = webhookBody(event);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'reprise' };
      if (cfg.secret) headers['x-reprise-signature'] = signBody(body, cfg.secret);
      const r = await postWithRetry({
        url: cfg.url,
        body,
        headers,
        deadline,
        timeoutMs: cfg.timeoutMs ?? 3000,
        maxAttempts: cfg.maxAttempts ?? 3,
        backoffMs: (n) => 300 * 2 ** (n - 1),
        judge: (status) => (status >= 200 && status < 300 ? { kind: 'ok' } : status >= 500 || status === 429 ? { kind: 'retry', error: `HTTP ${status}` } : { kind: 'fail', error: `HTTP ${status}` }),
      });
      return [{ channel: 'webhook', recipient, ok: r.ok, error: r.error === null ? null : redactAll(r.error, secrets), attempts: r.attempts, ms: Date.now() - started }];
    },
  };
}
