// `reprise dashboard`: the page, its JSON API (the CLI's --json shapes), Prometheus /metrics, the
// token-guarded rollback. Every request reads the state store afresh, so releases made by the CLI show at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isRepriseError, EXIT, RepriseError } from '../domain/errors';
import { t, type Lang } from '../domain/messages';
import { redact, redactDeep } from '../domain/redact';
import { assertValidVersion } from '../domain/version';
import { projectSecrets, type OpContext } from '../release/context';
import { history, status, versions } from '../commands/queries';
import { insights } from '../commands/insights';
import { doraFigures } from '../domain/dora';
import { lockStatus } from '../commands/lock';
import { hostAllowed, isLoopbackHost, parseCookies, SESSION_COOKIE, SESSION_SECONDS, TokenAuth } from './auth';
import { BodyTooLarge, readBody, send, sendJson } from './http';
import { exposition, type ScrapeSource } from './prometheus';
import { appScript, STYLE } from './assets';
import { loginPage, mainPage } from './page';

export interface DashboardSources {
  /** the project's name (the first environment's project when the configuration has environments) */
  project: string;
  /** the configuration's environments, or [null] for a project without any */
  environments: Array<string | null>;
  /** a context for one environment; the caller closes its store. `forWrite` opens the real state store. */
  open(env: string | null, forWrite: boolean): OpContext;
}

export interface DashboardOptions {
  host: string;
  port: number;
  token: string | null;
  lang: Lang;
  sources: DashboardSources;
  /** progress lines of rollbacks started from the page, and request problems */
  log: (line: string) => void;
}

export interface Dashboard {
  url: string;
  server: Server;
  /** resolves once in-flight rollbacks have finished and the server is closed */
  close(): Promise<void>;
}

const ENV_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const INCIDENT_DIR = /^[A-Za-z0-9_.-]{1,200}$/;
/** the methods each path answers (anything else on these paths: 405) */
const METHODS: Record<string, string[]> = {
  '/': ['GET'],
  '/index.html': ['GET'],
  '/app.js': ['GET'],
  '/app.css': ['GET'],
  '/metrics': ['GET'],
  '/login': ['POST'],
  '/logout': ['POST'],
  '/api/dashboard': ['GET'],
  '/api/status': ['GET'],
  '/api/versions': ['GET'],
  '/api/lock': ['GET'],
  '/api/insights': ['GET'],
  '/api/history': ['GET'],
  '/api/rollback': ['POST'],
};

export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const auth = new TokenAuth(o.token);
  const loopback = isLoopbackHost(o.host);
  /** rollbacks started from the page and not finished yet (close() waits for them) */
  const running = new Set<Promise<unknown>>();
  /** runs `fn` with a fresh context of one environment, its state store closed afterwards */
  const inContext = async <T>(env: string | null, forWrite: boolean, fn: (ctx: OpContext) => T | Promise<T>): Promise<T> => {
    const ctx = o.sources.open(env, forWrite);
    try {
      return await fn(ctx);
    } finally {
      ctx.store.close();
    }
  };
  // every secret of every environment (and the token): masked in every answer, file and log line
  const perEnvironment = await Promise.all(o.sources.environments.map((env) => inContext(env, false, projectSecrets)));
  const secrets = [...new Set([...(o.token ? [o.token] : []), ...perEnvironment.flat()])].sort((a, b) => b.length - a.length);
  const log = (line: string): void => o.log(redact(line, secrets));
  const json = (data: unknown): string => JSON.stringify(redactDeep(data, secrets));

  const langOf = (req: IncomingMessage, url: URL | null): Lang => {
    const q = url?.searchParams.get('lang') ?? parseCookies(req.headers.cookie).get('reprise_lang');
    return q === 'fr' || q === 'en' ? q : o.lang;
  };

  const fail = (res: ServerResponse, lang: Lang, httpStatus: number, e: unknown, extra: Record<string, string> = {}): void => {
    if (isRepriseError(e)) {
      sendJson(res, httpStatus, json({ ok: false, error: { code: e.code, message: t(lang, e.key, e.params), details: e.details } }), extra);
      return;
    }
    const message = t(lang, 'operationFailed', { reason: (e as Error)?.message ?? String(e) });
    sendJson(res, httpStatus, json({ ok: false, error: { code: 'OPERATION_FAILED', message, details: {} } }), extra);
  };

  const statusFor = (e: unknown): number => {
    if (!isRepriseError(e)) return 500;
    if (e.exitCode === EXIT.USAGE) return 400;
    if (e.exitCode === EXIT.LOCKED) return 409;
    return 500;
  };

  const envParam = (url: URL): string | null => {
    const known = o.sources.environments;
    const asked = url.searchParams.get('env');
    if (asked === null || asked === '') return known[0];
    if (!ENV_NAME.test(asked) || !known.includes(asked)) {
      throw new RepriseError('USAGE', 'dashboardUnknownEnvironment', { env: asked.slice(0, 64), known: known.filter((k): k is string => k !== null).join(', ') || '-' });
    }
    return asked;
  };

  /** runs `fn` with a fresh context and answers its result with every secret of the project masked */
  const withContext = async (res: ServerResponse, lang: Lang, env: string | null, forWrite: boolean, fn: (ctx: OpContext) => unknown): Promise<void> => {
    const data = await inContext(env, forWrite, (ctx) => {
      ctx.lang = lang;
      return fn(ctx);
    });
    sendJson(res, 200, json(data));
  };

  const scrape = async (): Promise<ScrapeSource[]> =>
    Promise.all(
      o.sources.environments.map((env) =>
        inContext(env, false, async (ctx) => {
          // the history is read once: the counters and the DORA figures come from the same list
          const releases = ctx.store.listReleases(ctx.project.name);
          return {
            project: ctx.project.name,
            environment: env,
            releases,
            notifications: ctx.store.listEvents(ctx.project.name, { type: 'notification' }),
            dora: doraFigures(releases, ctx.now()),
            status: await status(ctx).catch(() => null),
          };
        }),
      ),
    );

  const rollbackFromPage = async (req: IncomingMessage, res: ServerResponse, lang: Lang, env: string | null): Promise<void> => {
    if (!auth.enabled) throw new RepriseError('USAGE', 'dashboardReadOnly', {});
    // a JSON body cannot be sent cross-site without a preflight this server never grants
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'Content-Type must be application/json' });
    let body: { version?: unknown; reason?: unknown };
    try {
      body = JSON.parse((await readBody(req)) || '{}') as typeof body;
    } catch (e) {
      throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: e instanceof BodyTooLarge ? e.message : 'the body is not JSON' });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'the body must be a JSON object' });
    const version = body.version === undefined || body.version === null || body.version === '' ? undefined : body.version;
    if (version !== undefined) {
      if (typeof version !== 'string') throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'version must be a string' });
      assertValidVersion(version);
    }
    if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 500)) {
      throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'reason must be a string of at most 500 characters' });
    }
    const { rollback } = await import('../commands/rollback');
    const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : 'rollback from the dashboard';
    const work = withContext(res, lang, env, true, (ctx) => rollback(ctx, { version, yes: true, reason, trigger: 'dashboard' }));
    const tracked = work.catch(() => undefined).finally(() => running.delete(tracked));
    running.add(tracked);
    await work;
  };

  const incidentFile = (res: ServerResponse, env: string | null, dir: string, file: string): Promise<void> =>
    inContext(env, false, (ctx) => {
      const root = resolve(ctx.project.dir, 'logs', 'incidents');
      const path = resolve(root, dir, file);
      const inside = (): boolean => {
        // symbolic links are followed: what counts is where the file really is
        const real = realpathSync(path);
        return real.startsWith(realpathSync(root) + sep) && statSync(real).isFile();
      };
      if (!INCIDENT_DIR.test(dir) || !INCIDENT_DIR.test(file) || dir.startsWith('.') || file.startsWith('.') || !path.startsWith(root + sep) || !existsSync(path) || !inside()) {
        throw new RepriseError('USAGE', 'dashboardNotFound', { path: `${dir}/${file}` });
      }
      send(res, 200, 'text/plain; charset=utf-8', redact(readFileSync(path, 'utf8'), secrets));
    });

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const lang = langOf(req, url);
    const path = url.pathname;
    // HEAD is GET without the body (node:http leaves it out)
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (!hostAllowed(req, loopback)) {
      fail(res, lang, 403, new RepriseError('USAGE', 'dashboardForbiddenHost', { host: (req.headers.host ?? '').slice(0, 100) }));
      return;
    }
    // the page's own assets hold no data: served without the token so the login form has its style
    if (method === 'GET' && path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', STYLE);
    if (method === 'GET' && path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', appScript());
    const allowed = METHODS[path] ?? (path.startsWith('/incidents/') ? ['GET'] : null);
    if (allowed && !allowed.includes(method)) {
      fail(res, lang, 405, new RepriseError('USAGE', 'dashboardBadRequest', { problem: `${method} ${path}: use ${allowed.join(', ')}` }), { Allow: allowed.join(', ') });
      return;
    }
    if (method === 'POST' && path === '/login') {
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
      return;
    }
    if (method === 'POST' && path === '/logout') {
      auth.closeSession(req);
      send(res, 303, 'text/plain; charset=utf-8', '', { Location: '/', 'Set-Cookie': `${SESSION_COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict; Path=/` });
      return;
    }
    if (!auth.allows(req)) {
      if (method === 'GET' && (path === '/' || path === '/index.html')) return send(res, 401, 'text/html; charset=utf-8', loginPage(lang, null), { 'WWW-Authenticate': 'Bearer realm="reprise"' });
      if (path === '/metrics') return send(res, 401, 'text/plain; charset=utf-8', `${t(lang, 'dashboardUnauthorized')}\n`, { 'WWW-Authenticate': 'Bearer realm="reprise"' });
      fail(res, lang, 401, new RepriseError('USAGE', 'dashboardUnauthorized', {}));
      return;
    }
    if (method === 'GET' && (path === '/' || path === '/index.html')) {
      return send(res, 200, 'text/html; charset=utf-8', mainPage(lang, { project: o.sources.project, environments: o.sources.environments, canRollback: auth.enabled }), lang !== o.lang ? { 'Set-Cookie': `reprise_lang=${lang}; SameSite=Strict; Path=/` } : {});
    }
    if (method === 'GET' && path === '/metrics') {
      const { contentType, text } = await exposition(await scrape());
      return send(res, 200, contentType, text);
    }
    const incident = /^\/incidents\/([^/]+)\/([^/]+)$/.exec(path);
    if (method === 'GET' && incident) {
      let dir: string;
      let file: string;
      try {
        [dir, file] = [decodeURIComponent(incident[1]), decodeURIComponent(incident[2])];
      } catch {
        throw new RepriseError('USAGE', 'dashboardNotFound', { path: path.slice(0, 200) });
      }
      return incidentFile(res, envParam(url), dir, file);
    }
    if (path.startsWith('/api/')) {
      const env = envParam(url);
      const route = `${method} ${path}`;
      switch (route) {
        case 'GET /api/dashboard':
          return sendJson(res, 200, JSON.stringify({ ok: true, project: o.sources.project, environments: o.sources.environments, readOnly: !auth.enabled, canRollback: auth.enabled, lang }));
        case 'GET /api/status':
          return withContext(res, lang, env, false, (ctx) => status(ctx));
        case 'GET /api/versions':
          return withContext(res, lang, env, false, (ctx) => versions(ctx));
        case 'GET /api/lock':
          return withContext(res, lang, env, false, (ctx) => lockStatus(ctx));
        case 'GET /api/insights':
          return withContext(res, lang, env, false, (ctx) => insights(ctx));
        case 'GET /api/history': {
          const raw = url.searchParams.get('limit') ?? '50';
          const limit = Number(raw);
          if (!/^\d{1,6}$/.test(raw) || limit < 1) throw new RepriseError('USAGE', 'usagePositiveInteger', { flag: 'limit', value: raw.slice(0, 20) });
          return withContext(res, lang, env, false, (ctx) => history(ctx, limit));
        }
        case 'POST /api/rollback':
          return rollbackFromPage(req, res, lang, env);
        default:
          throw new RepriseError('USAGE', 'dashboardNotFound', { path: path.slice(0, 200) });
      }
    }
    throw new RepriseError('USAGE', 'dashboardNotFound', { path: path.slice(0, 200) });
  };

  const server = createServer((req, res) => {
    let url: URL | null = null;
    try {
      url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    } catch {
      // e.g. an absolute-form request line with an invalid URL
    }
    const lang = langOf(req, url);
    const answer = url ? handle(req, res, url) : Promise.reject(new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'invalid URL' }));
    answer
      .catch((e: unknown) => {
        if (!isRepriseError(e)) log(`dashboard: ${(e as Error)?.message ?? String(e)}`);
        if (res.headersSent) {
          res.end();
          return;
        }
        const notFound = isRepriseError(e) && e.key === 'dashboardNotFound';
        fail(res, lang, notFound ? 404 : statusFor(e), e);
      })
      .catch(() => res.destroy());
  });
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
      await Promise.all([...running]);
      server.closeAllConnections();
      await closed;
    },
  };
}
