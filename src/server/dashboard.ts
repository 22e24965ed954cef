// `reprise dashboard`: the page, its JSON API (the CLI's --json shapes), Prometheus /metrics, the
// token-guarded rollback. Every request reads the state store afresh, so releases made by the CLI show at once.
// This file starts and stops the server and sends each request to its route (routes/), after the Host,
// method and token checks.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isRepriseError, RepriseError } from '../domain/errors';
import type { Lang } from '../domain/messages';
import { isLoopbackHost } from '../domain/loopback';
import { hostAllowed, parseCookies, TokenAuth } from './auth';
import { envParam, routeContext, type DashboardSources, type RouteContext, type RouteRequest } from './context';
import { fail, notFound, statusFor } from './failure';
import { incidentRoutes } from './routes/incidents';
import { metricsRoutes } from './routes/metrics';
import { pageRoutes } from './routes/page';
import { queryRoutes } from './routes/queries';
import { rollbackRoutes } from './routes/rollback';
import type { Route } from './routes/route';
import { sessionRoutes } from './routes/session';

export type { DashboardSources } from './context';

export interface DashboardOptions {
  host: string;
  port: number;
  token: string | null;
  lang: Lang;
  sources: DashboardSources;
  /** progress lines of rollbacks started from the page, and request problems */
  log: (line: string) => void;
  /** reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed */
  trustedProxies?: readonly string[];
}

/** a slow or idle client cannot hold the server: headers within 10 s, a whole request within 30 s, 64 connections */
export const SERVER_LIMITS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, maxConnections: 64 };

export interface Dashboard {
  url: string;
  server: Server;
  /** resolves once in-flight rollbacks have finished and the server is closed */
  close(): Promise<void>;
}

/** every route; the methods a path answers come from here (anything else on these paths: 405) */
const ROUTES: Route[] = [...pageRoutes, ...sessionRoutes, ...metricsRoutes, ...incidentRoutes, ...queryRoutes, ...rollbackRoutes];

function langOf(req: IncomingMessage, url: URL | null, fallback: Lang): Lang {
  const q = url?.searchParams.get('lang') ?? parseCookies(req.headers.cookie).get('reprise_lang');
  return q === 'fr' || q === 'en' ? q : fallback;
}

async function dispatch(rc: RouteContext, rq: RouteRequest, loopback: boolean): Promise<void> {
  const { req, res, url, lang } = rq;
  const path = url.pathname;
  // HEAD is GET without the body (node:http leaves it out)
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  if (!hostAllowed(req, loopback)) {
    fail(rc, res, lang, 403, new RepriseError('USAGE', 'dashboardForbiddenHost', { host: (req.headers.host ?? '').slice(0, 100) }));
    return;
  }
  const onPath = ROUTES.filter((r) => (r.prefix ? path.startsWith(r.path) : path === r.path));
  const route = onPath.find((r) => r.method === method);
  if (onPath.length > 0 && !route) {
    const allowed = onPath.map((r) => r.method).join(', ');
    fail(rc, res, lang, 405, new RepriseError('USAGE', 'dashboardBadRequest', { problem: `${method} ${path}: use ${allowed}` }), { Allow: allowed });
    return;
  }
  if (!route?.open && !rc.auth.allows(req)) {
    if (route?.denied) return route.denied(rc, rq);
    fail(rc, res, lang, 401, new RepriseError('USAGE', 'dashboardUnauthorized', {}));
    return;
  }
  if (route) return route.handle(rc, rq);
  // an unknown API path has its ?env= checked first, as every API path
  if (path.startsWith('/api/')) envParam(rc, url);
  throw notFound(path);
}

export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const rc = await routeContext(o, new TokenAuth(o.token));
  const loopback = isLoopbackHost(o.host);
  const server = createServer((req, res) => {
    let url: URL | null = null;
    try {
      url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    } catch {
      // e.g. an absolute-form request line with an invalid URL
    }
    const lang = langOf(req, url, o.lang);
    const answer = url ? dispatch(rc, { req, res, url, lang }, loopback) : Promise.reject(new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'invalid URL' }));
    answer
      .catch((e: unknown) => {
        if (!isRepriseError(e)) rc.log(`dashboard: ${(e as Error)?.message ?? String(e)}`);
        if (res.headersSent) {
          res.end();
          return;
        }
        fail(rc, res, lang, statusFor(e), e);
      })
      .catch(() => res.destroy());
  });
  server.headersTimeout = SERVER_LIMITS.headersTimeoutMs;
  server.requestTimeout = SERVER_LIMITS.requestTimeoutMs;
  server.maxConnections = SERVER_LIMITS.maxConnections;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new RepriseError('OPERATION_FAILED', 'dashboardListenFailed', { host: o.host, port: o.port, reason: e.code ?? e.message })));
    server.listen(o.port, o.host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${shownHost}:${port}/`,
    server,
    close: async () => {
      // stop accepting, let a rollback started from the page finish and answer, then drop idle connections
      const closed = new Promise<void>((r) => server.close(() => r()));
      await Promise.all([...rc.running]);
      server.closeAllConnections();
      await closed;
    },
  };
}
