// Logging in with the token (a random session cookie comes back, never the token) and logging out.
import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE, SESSION_SECONDS } from '../auth';
import { clientAddress, overHttps } from '../client-address';
import { readBody, send } from '../http';
import { loginPage } from '../page';
import type { Handler, Route } from './route';

/** `; Secure` when the visitor's connection is encrypted (TLS, or https to a trusted reverse proxy) */
const secure = (req: IncomingMessage, trusted: readonly string[]): string => (overHttps(req, trusted) ? '; Secure' : '');

const login: Handler = async ({ auth, trustedProxies }, { req, res, lang }) => {
  // behind a trusted reverse proxy, the visitor's own address: one visitor's wrong tries lock out only them
  const client = clientAddress(req, trustedProxies);
  if (auth.throttled(client)) {
    send(res, 429, 'text/html; charset=utf-8', loginPage(lang, 'throttled'), { 'Retry-After': '60' });
    return;
  }
  const form = new URLSearchParams(await readBody(req).catch(() => ''));
  if (auth.accepts(form.get('token') ?? '', client)) {
    send(res, 303, 'text/plain; charset=utf-8', '', { Location: '/', 'Set-Cookie': `${SESSION_COOKIE}=${auth.openSession()}; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict; Path=/${secure(req, trustedProxies)}` });
  } else {
    send(res, 401, 'text/html; charset=utf-8', loginPage(lang, 'wrong'));
  }
};

const logout: Handler = ({ auth, trustedProxies }, { req, res }) => {
  auth.closeSession(req);
  send(res, 303, 'text/plain; charset=utf-8', '', { Location: '/', 'Set-Cookie': `${SESSION_COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/${secure(req, trustedProxies)}` });
};

export const sessionRoutes: Route[] = [
  { method: 'POST', path: '/login', open: true, handle: login },
  { method: 'POST', path: '/logout', open: true, handle: logout },
];
