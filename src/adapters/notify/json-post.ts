// A channel that POSTs one JSON body per event to a URL: the generic webhook, Slack and Microsoft Teams. The
// URL's path and query usually are the credential (Slack's and Teams' are), so a delivery names its host only and
// every error is masked of the URL; retries on 429 and 5xx within the budget, like the other channels.
import type { NotificationEvent } from '../../domain/notification';
import { postWithRetry, redactAll, type Channel, type ChannelName, type Delivery } from './types';

export interface JsonPostConfig {
  url: string;
  timeoutMs?: number;
  maxAttempts?: number;
}

/** The URL's host only: its path often holds a secret (Slack, Teams). */
export function webhookRecipient(url: string): string {
  try {
    return new URL(url).host || 'webhook';
  } catch {
    return 'invalid-url';
  }
}

/** the URL and its parts that must never be shown */
function urlSecrets(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    out.push(u.pathname + u.search, u.password);
  } catch {
    // reported at send time
  }
  return out;
}

/** a short error code in an answer's body (Slack answers `invalid_payload`, `no_service`…): shown with the status */
const ERROR_CODE = /^[a-z_]{1,40}$/;

export function jsonPostChannel(
  name: ChannelName,
  cfg: JsonPostConfig & { secrets?: string[] },
  render: (event: NotificationEvent) => { body: string; headers?: Record<string, string> },
): Channel {
  const recipient = webhookRecipient(cfg.url);
  const secrets = [...urlSecrets(cfg.url), ...(cfg.secrets ?? [])];
  return {
    name,
    recipients: [recipient],
    async send(event: NotificationEvent, deadline: number): Promise<Delivery[]> {
      const started = Date.now();
      if (!/^https?:\/\//.test(cfg.url) || recipient === 'invalid-url') {
        return [{ channel: name, recipient, ok: false, error: `invalid ${name} URL (expected http:// or https://)`, attempts: 0, ms: 0 }];
      }
      const { body, headers } = render(event);
      const r = await postWithRetry({
        url: cfg.url,
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'reprise', ...headers },
        deadline,
        timeoutMs: cfg.timeoutMs ?? 3000,
        maxAttempts: cfg.maxAttempts ?? 3,
        backoffMs: (n) => 300 * 2 ** (n - 1),
        judge: (status, text) => {
          if (status >= 200 && status < 300) return { kind: 'ok' };
          const code = ERROR_CODE.test(text.trim()) ? ` ${text.trim()}` : '';
          return status >= 500 || status === 429 ? { kind: 'retry', error: `HTTP ${status}${code}` } : { kind: 'fail', error: `HTTP ${status}${code}` };
        },
      });
      return [{ channel: name, recipient, ok: r.ok, error: r.error === null ? null : redactAll(r.error, secrets), attempts: r.attempts, ms: Date.now() - started }];
    },
  };
}
