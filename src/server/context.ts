// What every route is given instead of a closure: the sources, the auth, the secrets to mask, the rollbacks
// under way; and the helpers that open an environment's context with it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RepriseError } from '../domain/errors';
import type { Lang } from '../domain/messages';
import { redact, redactDeep } from '../domain/redact';
import { projectSecrets, type OpContext } from '../release/context';
import type { TokenAuth } from './auth';
import { sendJson } from './http';

export interface DashboardSources {
  /** the project's name (the first environment's project when the configuration has environments) */
  project: string;
  /** the configuration's environments, or [null] for a project without any */
  environments: Array<string | null>;
  /** a context for one environment; the caller closes its store. `forWrite` opens the real state store. */
  open(env: string | null, forWrite: boolean): OpContext;
}

export interface RouteContext {
  sources: DashboardSources;
  /** the dashboard's language, when the request asks for none */
  lang: Lang;
  auth: TokenAuth;
  /** every secret of every environment (and the token), longest first */
  secrets: string[];
  /** rollbacks started from the page and not finished yet (close() waits for them) */
  running: Set<Promise<unknown>>;
  /** a line for the operator, secrets masked */
  log(line: string): void;
  /** reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (REPRISE_DASHBOARD_TRUSTED_PROXY) */
  trustedProxies: readonly string[];
  /** live reads (probes, Docker) of each environment's status, shared for a few seconds between scrapes */
  statusCache: Map<string | null, { at: number; generation: string; value: Promise<unknown> }>;
}

/** how long a status read (live probes and Docker calls) answers every /metrics scrape and /api/status poll */
export const STATUS_CACHE_MS = 5_000;

/**
 * What the state store says of an environment, in one short string: its last release (and how it ended), the
 * lock's holder, an unfinished journal. A release or rollback made by the CLI changes it, so the cached status
 * is read again at once: only changes Docker alone makes (a container stopped by hand) wait up to STATUS_CACHE_MS.
 */
export function storeGeneration(ctx: Pick<OpContext, 'store' | 'project' | 'lang'>): string {
  const last = ctx.store.listReleases(ctx.project.name, { limit: 1 })[0];
  const lock = ctx.store.getLock(ctx.project.name);
  const journal = ctx.store.getJournal(ctx.project.name);
  // the answer's language is part of it: a status names states in words
  return JSON.stringify([ctx.lang, last?.id ?? null, last?.outcome ?? null, last?.finishedAt ?? null, lock?.pid ?? null, lock?.since ?? null, journal?.releaseId ?? null, journal?.done.length ?? null]);
}

/**
 * `read()`'s answer for this environment, made again when the last one is older than STATUS_CACHE_MS or the
 * store's `generation` changed since.
 */
export function cachedStatus<T>(rc: RouteContext, env: string | null, generation: string, read: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = rc.statusCache.get(env);
  if (hit && hit.generation === generation && now - hit.at < STATUS_CACHE_MS) return hit.value as Promise<T>;
  const value = read();
  const entry = { at: now, generation, value };
  rc.statusCache.set(env, entry);
  // a failed read is not served again
  value.catch(() => {
    if (rc.statusCache.get(env) === entry) rc.statusCache.delete(env);
  });
  return value;
}

/** One request, as the routes see it. */
export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** the answer's language */
  lang: Lang;
}

/** runs `fn` with a fresh context of one environment, its state store closed afterwards */
export async function inContext<T>(sources: DashboardSources, env: string | null, forWrite: boolean, fn: (ctx: OpContext) => T | Promise<T>): Promise<T> {
  const ctx = sources.open(env, forWrite);
  try {
    return await fn(ctx);
  } finally {
    ctx.store.close();
  }
}

export async function routeContext(o: { sources: DashboardSources; lang: Lang; token: string | null; log: (line: string) => void; trustedProxies?: readonly string[] }, auth: TokenAuth): Promise<RouteContext> {
  // every secret of every environment (and the token): masked in every answer, file and log line
  const perEnvironment = await Promise.all(o.sources.environments.map((env) => inContext(o.sources, env, false, projectSecrets)));
  const secrets = [...new Set([...(o.token ? [o.token] : []), ...perEnvironment.flat()])].sort((a, b) => b.length - a.length);
  return { sources: o.sources, lang: o.lang, auth, secrets, running: new Set(), log: (line) => o.log(redact(line, secrets)), trustedProxies: o.trustedProxies ?? [], statusCache: new Map() };
}

/** `data` as JSON with every secret masked (before serialising: JSON escapes quotes and backslashes) */
export function masked(rc: RouteContext, data: unknown): string {
  return JSON.stringify(redactDeep(data, rc.secrets));
}

/** runs `fn` with a fresh context and answers its result with every secret of the project masked */
export async function answerFrom(rc: RouteContext, rq: RouteRequest, env: string | null, forWrite: boolean, fn: (ctx: OpContext) => unknown): Promise<void> {
  const data = await inContext(rc.sources, env, forWrite, (ctx) => {
    ctx.lang = rq.lang;
    return fn(ctx);
  });
  sendJson(rq.res, 200, masked(rc, data));
}

const ENV_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** the environment asked by ?env=, the first one when none is asked */
export function envParam(rc: RouteContext, url: URL): string | null {
  const known = rc.sources.environments;
  const asked = url.searchParams.get('env');
  if (asked === null || asked === '') return known[0];
  if (!ENV_NAME.test(asked) || !known.includes(asked)) {
    throw new RepriseError('USAGE', 'dashboardUnknownEnvironment', { env: asked.slice(0, 64), known: known.filter((k): k is string => k !== null).join(', ') || '-' });
  }
  return asked;
}
