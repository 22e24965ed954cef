// Who may look and who may act: loopback binding, the dashboard token (bearer or login cookie), Host checks.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../domain/loopback';

export const SESSION_COOKIE = 'reprise_session';
/** shorter tokens are refused: the dashboard can change what production runs */
export const MIN_TOKEN_LENGTH = 16;

function digest(value: string): Buffer {
  return createHmac('sha256', 'reprise-dashboard').update(value).digest();
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/** how long a login lasts */
export const SESSION_SECONDS = 12 * 3600;
/** failed logins allowed per client address and minute */
const MAX_FAILED_LOGINS = 5;
/** addresses whose failures are remembered at once (beyond it the oldest are forgotten): memory stays bounded */
const MAX_TRACKED_CLIENTS = 10_000;

/**
 * The token never travels back to the browser: a login gets a random session id (HttpOnly cookie), kept in
 * memory until it expires, the user logs out, or the dashboard stops.
 */
export class TokenAuth {
  private readonly sessions = new Map<string, number>();
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly token: string | null,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.token !== null;
  }

  /** how many sessions and failing addresses are remembered (tests: both maps are pruned) */
  get remembered(): { sessions: number; clients: number } {
    return { sessions: this.sessions.size, clients: this.failures.size };
  }

  /** expired sessions and failures older than a minute are forgotten */
  private prune(): void {
    const now = this.now();
    for (const [id, until] of this.sessions) if (until < now) this.sessions.delete(id);
    for (const [client, times] of this.failures) {
      const recent = times.filter((t) => t > now - 60_000);
      if (recent.length) this.failures.set(client, recent);
      else this.failures.delete(client);
    }
    // a flood of addresses: the oldest entries go first (a Map keeps insertion order)
    for (const client of this.failures.keys()) {
      if (this.failures.size < MAX_TRACKED_CLIENTS) break;
      this.failures.delete(client);
    }
  }

  /** a new session id, valid for SESSION_SECONDS */
  openSession(): string {
    this.prune();
    const id = randomBytes(32).toString('hex');
    this.sessions.set(id, this.now() + SESSION_SECONDS * 1000);
    return id;
  }

  closeSession(req: IncomingMessage): void {
    const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (id) this.sessions.delete(id);
  }

  /** true when no token is configured, or the request carries it (bearer) or a live session cookie */
  allows(req: IncomingMessage): boolean {
    if (!this.token) return true;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (bearer !== undefined) return sameSecret(bearer, this.token);
    const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    const until = id ? this.sessions.get(id) : undefined;
    if (until === undefined) return false;
    if (until < this.now()) {
      this.sessions.delete(id as string);
      return false;
    }
    return true;
  }

  /** the token typed into the login form; false (and counted) otherwise */
  accepts(candidate: string, client: string): boolean {
    const ok = this.token !== null && sameSecret(candidate, this.token);
    if (!ok) {
      this.prune();
      const recent = this.recentFailures(client);
      this.failures.delete(client); // re-inserted last: the newest address is the last one forgotten
      this.failures.set(client, [...recent, this.now()]);
    }
    return ok;
  }

  /** too many failed logins from this address in the last minute */
  throttled(client: string): boolean {
    return this.recentFailures(client).length >= MAX_FAILED_LOGINS;
  }

  private recentFailures(client: string): number[] {
    const since = this.now() - 60_000;
    return (this.failures.get(client) ?? []).filter((t) => t > since);
  }
}

/**
 * Bound to loopback, only loopback names are answered: a web page elsewhere cannot point a DNS name at
 * 127.0.0.1 and read the dashboard through the visitor's browser (DNS rebinding).
 */
export function hostAllowed(req: IncomingMessage, boundToLoopback: boolean): boolean {
  if (!boundToLoopback) return true;
  const host = req.headers.host ?? '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return isLoopbackHost(name);
}
