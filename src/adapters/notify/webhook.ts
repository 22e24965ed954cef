// Generic webhook: JSON POST of the event's fields plus `text` (Slack-compatible), signed with
// `X-Reprise-Signature: sha256=<hex HMAC-SHA256 of the body>` when a secret is set.
import { createHmac } from 'node:crypto';
import { renderText, type NotificationEvent } from '../../domain/notification';
import { jsonPostChannel } from './json-post';
import type { Channel } from './types';

export interface WebhookConfig {
  url: string;
  secret?: string | null;
  timeoutMs?: number;
  maxAttempts?: number;
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookBody(event: NotificationEvent): string {
  return JSON.stringify({ ...event, at: event.at.toISOString(), text: renderText(event) });
}

export function webhookChannel(cfg: WebhookConfig): Channel {
  return jsonPostChannel('webhook', { ...cfg, secrets: [cfg.secret ?? ''] }, (event) => {
    const body = webhookBody(event);
    const headers: Record<string, string> = cfg.secret ? { 'x-reprise-signature': signBody(body, cfg.secret) } : {};
    return { body, headers };
  });
}
