// `reprise dashboard`: validates host, port and token, then serves until SIGINT/SIGTERM.
import { isIP } from 'node:net';
import { EXIT, RepriseError, type ExitCode } from '../domain/errors';
import { t, type Lang } from '../domain/messages';
import type { GlobalOptions, Project } from '../config/project';
import type { Engine } from '../engines/engine';
import { environmentNames, loadEnvironment } from '../release/resolve/environments';
import type { OpContext } from '../release/context';
import { isLoopbackHost } from '../domain/loopback';
import { MIN_TOKEN_LENGTH } from '../server/auth';
import { startDashboard, type DashboardSources } from '../server/dashboard';
import type { CliIo } from './io';
import { writeJson } from './render';
import { buildContext, makeEngine } from './setup';

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export interface DashboardFlags {
  host: string;
  port: string;
}

/** Checks the flags and the token; throws USAGE errors (exit 2) before anything listens. */
export function checkDashboardFlags(flags: DashboardFlags, env: NodeJS.ProcessEnv): { host: string; port: number; token: string | null; trustedProxies: string[] } {
  const host = flags.host.trim();
  if (!(isIP(host.replace(/^\[|\]$/g, '')) || HOST_NAME.test(host))) throw new RepriseError('USAGE', 'dashboardHostInvalid', { value: flags.host.slice(0, 100) });
  if (!/^\d{1,5}$/.test(flags.port) || Number(flags.port) > 65535) throw new RepriseError('USAGE', 'dashboardPortInvalid', { value: flags.port.slice(0, 20) });
  const token = env.REPRISE_DASHBOARD_TOKEN ? env.REPRISE_DASHBOARD_TOKEN : null;
  if (token !== null && token.length < MIN_TOKEN_LENGTH) throw new RepriseError('USAGE', 'dashboardTokenShort', { length: token.length });
  if (!isLoopbackHost(host) && token === null) throw new RepriseError('USAGE', 'dashboardTokenRequired', { host });
  // the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: IP addresses only
  const trustedProxies = (env.REPRISE_DASHBOARD_TRUSTED_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  for (const a of trustedProxies) if (!isIP(a)) throw new RepriseError('USAGE', 'dashboardTrustedProxyInvalid', { value: a.slice(0, 100) });
  return { host: host.replace(/^\[|\]$/g, ''), port: Number(flags.port), token, trustedProxies };
}

/** One project (and engine) per environment, loaded once; the state store is opened per request. */
export function sourcesFor(g: GlobalOptions, io: CliIo, lang: Lang, base: Project): DashboardSources {
  const names = environmentNames(base);
  const environments: Array<string | null> = names.length ? [...names] : [null];
  // the environment given with -e comes first: the page selects it
  if (base.environment && names.includes(base.environment)) environments.sort((a, b) => Number(b === base.environment) - Number(a === base.environment));
  const loaded = new Map<string | null, { project: Project; engine: Engine }>();
  const get = (env: string | null): { project: Project; engine: Engine } => {
    let l = loaded.get(env);
    if (!l) {
      const project = env === null ? base : loadEnvironment({ project: base, options: { ...g, projectDir: base.dir }, env: io.env }, env);
      l = { project, engine: makeEngine(project, io) };
      loaded.set(env, l);
    }
    return l;
  };
  return {
    project: get(environments[0]).project.name,
    environments,
    open(env: string | null, forWrite: boolean): OpContext {
      const { project, engine } = get(env);
      const ctx = buildContext({ ...g, env: env ?? undefined }, io, lang, project, !forWrite);
      ctx.engine = engine;
      return ctx;
    },
  };
}

export async function dashboardCommand(g: GlobalOptions & { json?: boolean }, io: CliIo, lang: Lang, base: Project, flags: DashboardFlags): Promise<ExitCode> {
  const { host, port, token, trustedProxies } = checkDashboardFlags(flags, io.env);
  const d = await startDashboard({ host, port, token, lang, sources: sourcesFor(g, io, lang, base), log: (line) => io.stderr.write(`${line}\n`), trustedProxies });
  io.stderr.write(`${t(lang, 'dashboardListening', { url: d.url, mode: t(lang, token ? 'dashboardModeToken' : 'dashboardModeReadOnly') })}\n`);
  if (g.json) writeJson(io, { ok: true, url: d.url, metrics: `${d.url}metrics`, readOnly: token === null });
  await untilStopped();
  await d.close();
  io.stderr.write(`${t(lang, 'dashboardStopped')}\n`);
  return EXIT.OK;
}

/** Resolves on SIGINT or SIGTERM. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
