// The page and its assets. The assets hold no data: they are served without the token so the login
// form has its style.
import { appScript, STYLE } from '../assets';
import { send } from '../http';
import { loginPage, mainPage } from '../page';
import type { Handler, Route } from './route';

const page: Handler = (rc, { res, lang }) =>
  send(res, 200, 'text/html; charset=utf-8', mainPage(lang, { project: rc.sources.project, environments: rc.sources.environments, canRollback: rc.auth.enabled }), lang !== rc.lang ? { 'Set-Cookie': `reprise_lang=${lang}; SameSite=Strict; Path=/` } : {});

/** without the token, the page is the login form */
const login: Handler = (_rc, { res, lang }) => send(res, 401, 'text/html; charset=utf-8', loginPage(lang, null), { 'WWW-Authenticate': 'Bearer realm="reprise"' });

export const pageRoutes: Route[] = [
  { method: 'GET', path: '/', denied: login, handle: page },
  { method: 'GET', path: '/index.html', denied: login, handle: page },
  { method: 'GET', path: '/app.js', open: true, handle: (_rc, { res }) => send(res, 200, 'text/javascript; charset=utf-8', appScript()) },
  { method: 'GET', path: '/app.css', open: true, handle: (_rc, { res }) => send(res, 200, 'text/css; charset=utf-8', STYLE) },
];
