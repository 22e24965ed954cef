// E-mail over SMTP (nodemailer, loaded only when an e-mail is sent). SMTP_URL such as
// smtp://user:pass@host:587 or smtps://…:465; connection, greeting and socket timeouts within the budget.
// Results and errors never include the password or the SMTP URL.
import { hostname } from 'node:os';
import { emailSubject, renderText, type NotificationEvent } from '../../domain/notification';
import { redactAll, type Channel, type Delivery } from './types';

export interface EmailConfig {
  smtpUrl: string;
  to: string[];
  from?: string | null;
  timeoutMs?: number;
}

export function parseAddresses(value: string | undefined | null): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function defaultFrom(): string {
  const h = hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '') || 'localhost';
  return `reprise <reprise@${h}>`;
}

function addressOf(a: unknown): string {
  return typeof a === 'string' ? a : ((a as { address?: string })?.address ?? String(a));
}

export function emailChannel(cfg: EmailConfig): Channel {
  const secrets = [cfg.smtpUrl];
  let parsed: URL | null = null;
  try {
    parsed = new URL(cfg.smtpUrl);
    if (parsed.password) secrets.push(parsed.password, decodeURIComponent(parsed.password));
  } catch {
    parsed = null;
  }
  const fail = (error: string, attempts: number, ms: number): Delivery[] =>
    cfg.to.map((recipient) => ({ channel: 'email' as const, recipient, ok: false, error: redactAll(error, secrets), attempts, ms }));
  return {
    name: 'email',
    recipients: cfg.to,
    async send(event: NotificationEvent, deadline: number): Promise<Delivery[]> {
      const started = Date.now();
      if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname) {
        return fail('invalid SMTP_URL (expected smtp://user:password@host:port or smtps://…)', 0, 0);
      }
      const remaining = deadline - started;
      if (remaining <= 0) return fail('timeout (budget spent)', 0, 0);
      const timeout = Math.max(100, Math.min(cfg.timeoutMs ?? 5000, remaining));
      const secure = parsed.protocol === 'smtps:';
      try {
        const nodemailer = await import('nodemailer');
        const transport = nodemailer.createTransport({
          host: parsed.hostname,
          port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
          secure,
          auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
          logger: false,
          debug: false,
        });
        try {
          const info = await transport.sendMail({
            from: cfg.from ?? defaultFrom(),
            to: cfg.to,
            subject: emailSubject(event),
            text: renderText(event),
            headers: event.urgent ? { 'X-Priority': '1 (Highest)', Importance: 'high' } : {},
          });
          const accepted = new Set((info.accepted ?? []).map(addressOf).map((a) => a.toLowerCase()));
          const ms = Date.now() - started;
          return cfg.to.map((recipient) => ({
            channel: 'email' as const,
            recipient,
            ok: accepted.has(recipient.toLowerCase()),
            error: accepted.has(recipient.toLowerCase()) ? null : 'rejected by the SMTP server',
            attempts: 1,
            ms,
          }));
        } finally {
          transport.close();
        }
      } catch (e) {
        const err = e as { message?: string; code?: string };
        const msg = err.code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '') ? `timeout after ${timeout} ms` : `${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`;
        return fail(msg.split('\n')[0], 1, Date.now() - started);
      }
    },
  };
}
