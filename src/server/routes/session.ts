// Logging in with the token (a random session cookie comes back, never the token) and logging out.
import { SESSION_COOKIE, SESSION_SECONDS } from '../auth';
import { readBody, send } from '../http';
import { loginPage } from '../page';
import type { Handler, Route } from './route';

const login: Handler = async ({ auth }, { req, res, lang }) => {
  const client = req.socket.remoteAddress ?? '-';
  if (auth.throttled(client)) {
    send(res, 429, 'text/html; charset=utf-8', loginPage(lang, 'throttled'), { 'Retry-After': '60' });
    return;
  }
  const form = new URLSearchParams(await readBody(req).catch(() => ''));
  if (auth.accepts(form.get('token') ?? '', client)) {
    send(res, 303, 'text/plain; charset=utf-8', '', { Location: '/', 'Set-Cookie': `${SESSION_COOKIE}=${auth.openSession()}; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict; Path=/` });
  } else {
    send(res, 401, 'text/html; charset=utf-8', loginPage(lang, 'wrong'));
  }
};

const logout: Handler = ({ auth }, { req, res }) => {
  auth.closeSession(req);
  send(res, 303, 'text/plain; charset=utf-8', '', { Location: '/', 'Set-Cookie': `${SESSION_COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/` });
};

export const sessionRoutes: Route[] = [
  { method: 'POST', path: '/login', open: true, handle: login },
  { method: 'POST', path: '/logout', open: true, handle: logout },
];
