// Who may look and who may act: loopback binding, the dashboard token (bearer or login cookie), Host checks.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'reprise_session';
/** shorter tokens are refused: the dashboard can change what production runs */
export const MIN_TOKEN_LENGTH = 16;

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

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

/**
 * The token never travels back to the browser: the login cookie holds an HMAC of it, so the cookie can be
 * checked without being the token itself.
 */
export class TokenAuth {
  constructor(private readonly token: string | null) {}

  get enabled(): boolean {
    return this.token !== null;
  }

  sessionValue(): string {
    return this.token ? createHmac('sha256', this.token).update('reprise-dashboard-session').digest('hex') : '';
  }

  /** true when no token is configured, or the request carries it (bearer) or the login cookie */
  allows(req: IncomingMessage): boolean {
    if (!this.token) return true;
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (bearer !== undefined) return sameSecret(bearer, this.token);
    const cookie = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return cookie !== undefined && sameSecret(cookie, this.sessionValue());
  }

  /** the token typed into the login form */
  accepts(candidate: string): boolean {
    return this.token !== null && sameSecret(candidate, this.token);
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
