// What every notification channel shares: the delivery result and the channel interface.
import type { NotificationEvent } from '../../domain/notification';

export type ChannelName = 'telegram' | 'email' | 'webhook' | 'slack' | 'teams';

/** One delivery attempt's outcome for one recipient. Never holds a secret (token, password, secret URL path). */
export interface Delivery {
  channel: ChannelName;
  /** Telegram chat id, e-mail address, or the webhook's host only */
  recipient: string;
  ok: boolean;
  error: string | null;
  attempts: number;
  ms: number;
}

export interface Channel {
  name: ChannelName;
  /** known before sending, so a channel that overruns the budget can still be reported per recipient */
  recipients: string[];
  /** resolves with one Delivery per recipient by `deadline` (epoch ms); must not throw */
  send(event: NotificationEvent, deadline: number): Promise<Delivery[]>;
}

export function redactAll(text: string, secrets: string[]): string {
  let out = text;
  for (const s of [...secrets].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join('***');
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** A fetch failure as one short line: timeout, or the low-level cause (ECONNREFUSED…). */
export function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const cause = err?.cause?.code ?? err?.cause?.message;
  return cause ? `${err?.message ?? 'error'} (${cause})` : (err?.message ?? String(e));
}

/** Retry/failure decision after one HTTP answer. */
export type Verdict = { kind: 'ok' } | { kind: 'retry'; error: string; waitMs?: number } | { kind: 'fail'; error: string };

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  deadline: number;
  timeoutMs: number;
  maxAttempts: number;
  /** ms before retry n (1-based): backoff */
  backoffMs: (attempt: number) => number;
  judge: (status: number, text: string) => Verdict;
}

/**
 * POSTs with a per-request timeout (capped by the remaining budget), retrying network errors and what
 * `judge` says to retry. Resolves with the outcome; never throws. Error texts are raw (the caller redacts).
 */
export async function postWithRetry(o: PostOptions): Promise<{ ok: boolean; error: string | null; attempts: number }> {
  let attempts = 0;
  let lastError = 'not sent';
  while (attempts < o.maxAttempts) {
    const remaining = o.deadline - Date.now();
    if (remaining <= 0) return { ok: false, error: attempts ? `timeout (budget spent; last error: ${lastError})` : 'timeout (budget spent)', attempts };
    attempts++;
    const timeout = Math.max(1, Math.min(o.timeoutMs, remaining));
    let verdict: Verdict;
    try {
      const res = await fetch(o.url, { method: 'POST', headers: o.headers, body: o.body, signal: AbortSignal.timeout(timeout), redirect: 'error' });
      const text = await res.text();
      verdict = o.judge(res.status, text);
    } catch (e) {
      verdict = { kind: 'retry', error: describeFetchError(e, timeout) };
    }
    if (verdict.kind === 'ok') return { ok: true, error: null, attempts };
    if (verdict.kind === 'fail') return { ok: false, error: verdict.error, attempts };
    lastError = verdict.error;
    if (attempts >= o.maxAttempts) break;
    const wait = verdict.waitMs ?? o.backoffMs(attempts);
    if (Date.now() + wait >= o.deadline) return { ok: false, error: `${lastError} (no time left to retry within the budget)`, attempts };
    await sleep(wait);
  }
  return { ok: false, error: lastError, attempts };
}
