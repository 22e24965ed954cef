// Telegram Bot API `sendMessage` (seed §5.2), one request per chat id. JSON body, HTML parse mode,
// per-request timeout, retries with backoff on network errors and 5xx, `retry_after` honoured on 429,
// `ok: false` is a failure with Telegram's description. The token is only ever in the request URL.
import { renderHtml, type NotificationEvent } from '../../domain/notification';
import { postWithRetry, redactAll, type Channel, type Delivery, type Verdict } from './types';

export const DEFAULT_TELEGRAM_API = 'https://api.telegram.org';

export interface TelegramConfig {
  token: string;
  chatIds: string[];
  /** API base, default https://api.telegram.org (TELEGRAM_API_URL) */
  apiUrl?: string;
  timeoutMs?: number;
  maxAttempts?: number;
}

/** `ADMIN_TELEGRAM_IDS`: comma-separated, spaces ignored, empty entries dropped. */
export function parseChatIds(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s.length > 0);
}

const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z0-9_]{4,64})$/;

interface BotAnswer {
  ok?: boolean;
  description?: string;
  parameters?: { retry_after?: number };
}

function judge(status: number, text: string): Verdict {
  let body: BotAnswer | null = null;
  try {
    body = JSON.parse(text) as BotAnswer;
  } catch {
    body = null;
  }
  const desc = body?.description ? `: ${body.description}` : '';
  if (status === 429) {
    const after = Number(body?.parameters?.retry_after ?? 1);
    return { kind: 'retry', error: `HTTP 429${desc}`, waitMs: Math.max(0, Number.isFinite(after) ? after : 1) * 1000 };
  }
  if (status >= 500) return { kind: 'retry', error: `HTTP ${status}${desc}` };
  if (status >= 200 && status < 300 && body?.ok === true) return { kind: 'ok' };
  if (body && body.ok === false) return { kind: 'fail', error: `Telegram: ${body.description ?? `HTTP ${status}`}` };
  return { kind: 'fail', error: `HTTP ${status}${body ? desc : ' (not a Bot API answer)'}` };
}

export function telegramChannel(cfg: TelegramConfig): Channel {
  const base = (cfg.apiUrl ?? DEFAULT_TELEGRAM_API).replace(/\/+$/, '');
  const url = `${base}/bot${cfg.token}/sendMessage`;
  const secrets = [cfg.token, url, encodeURIComponent(cfg.token)];
  const sendOne = async (chatId: string, text: string, deadline: number): Promise<Delivery> => {
    const started = Date.now();
    if (!CHAT_ID.test(chatId)) {
      return { channel: 'telegram', recipient: chatId, ok: false, error: 'invalid chat id (expected a number or @channel)', attempts: 0, ms: 0 };
    }
    const r = await postWithRetry({
      url,
      body: JSON.stringify({ chat_id: chatId, text, parse_mode: 'HTML', disable_web_page_preview: true }),
      headers: { 'content-type': 'application/json' },
      deadline,
      timeoutMs: cfg.timeoutMs ?? 3000,
      maxAttempts: cfg.maxAttempts ?? 3,
      backoffMs: (n) => 300 * 2 ** (n - 1),
      judge,
    });
    return { channel: 'telegram', recipient: chatId, ok: r.ok, error: r.error === null ? null : redactAll(r.error, secrets), attempts: r.attempts, ms: Date.now() - started };
  };
  return {
    name: 'telegram',
    recipients: cfg.chatIds,
    async send(event: NotificationEvent, deadline: number): Promise<Delivery[]> {
      const text = renderHtml(event);
      return Promise.all(cfg.chatIds.map((id) => sendOne(id, text, deadline)));
    },
  };
}
