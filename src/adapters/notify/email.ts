// E-mail over SMTP (nodemailer, loaded only when an e-mail is sent). SMTP_URL such as
// smtp://user:pass@host:587 or smtps://…:465; connection, greeting and socket timeouts within the budget.
// Credentials never travel in clear to another machine: smtps:// is TLS from the start, and smtp:// with a
// user name to a host other than loopback requires STARTTLS (the send fails rather than log in in clear).
// Results and errors never include the password or the SMTP URL.
import { hostname } from 'node:os';
import { emailSubject, renderText, type NotificationEvent } from '../../domain/notification';
import { isLoopbackHost } from '../../domain/loopback';
import { redactAll, type Channel, type Delivery } from './types';

export interface EmailConfig {
  smtpUrl: string;
  to: string[];
  from?: string | null;
  timeoutMs?: number;
  /** SMTP_URL came from the project's env file: STARTTLS is required for any host but loopback, login or not */
  fromEnvFile?: boolean;
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

/** A URL's user name or password as written (percent-decoded when it is well-formed). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** What emailChannel gives nodemailer's createTransport. */
export interface SmtpTransportOptions {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte */
  secure: boolean;
  /** smtp://: STARTTLS or no session at all (never a login or a message in clear) */
  requireTLS: boolean;
  auth: { user: string; pass: string } | undefined;
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
  logger: false;
  debug: false;
}

/**
 * nodemailer's options for an smtp:// or smtps:// URL (pure). STARTTLS is required when smtp:// would
 * send credentials to a host other than loopback (127.0.0.0/8, ::1, localhost), or, with `fromEnvFile`,
 * whenever that host is not loopback; otherwise smtp:// is as nodemailer does it (STARTTLS when offered).
 */
export function smtpTransportOptions(url: URL, o: { timeoutMs: number; fromEnvFile?: boolean }): SmtpTransportOptions {
  const secure = url.protocol === 'smtps:';
  const login = url.username !== '';
  return {
    // an IPv6 address without the URL's brackets
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && (login || o.fromEnvFile === true) && !isLoopbackHost(url.hostname),
    auth: login ? { user: decoded(url.username), pass: decoded(url.password) } : undefined,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
    logger: false,
    debug: false,
  };
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
      const options = smtpTransportOptions(parsed, { timeoutMs: timeout, fromEnvFile: cfg.fromEnvFile });
      try {
        const nodemailer = await import('nodemailer');
        const transport = nodemailer.createTransport(options);
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
        const why = options.requireTLS && (err.code === 'ETLS' || /STARTTLS/.test(err.message ?? ''))
          ? ` (TLS is required for this SMTP_URL${cfg.fromEnvFile ? ' from the project\'s env file' : ' with credentials'}: use smtps:// or a server that offers STARTTLS)`
          : '';
        return fail(`${msg.split('\n')[0]}${why}`, 1, Date.now() - started);
      }
    },
  };
}
