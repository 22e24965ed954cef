// engine: where the Docker engine is, how it was chosen, and whether it answers (its version, its API range).
import type { RepriseError } from '../errors';
import { hint, t, type Lang } from '../messages';
import type { DoctorCheck } from './check';

/** Where the engine is (the resolved endpoint, as doctor reports it). */
export interface EngineWhere {
  kind: 'unix' | 'tcp' | 'ssh';
  /** the engine's address as DOCKER_HOST spells it */
  url: string;
  /** how it was chosen: DOCKER_HOST, DOCKER_CONTEXT, currentContext, default */
  source: string;
  context: string | null;
  /** the engine's socket is a file on this machine (its files, /proc, its data root are here) */
  local: boolean;
  /** the engine runs on another machine */
  remote: boolean;
  /** the socket is the default one (/var/run/docker.pid and /proc are then the default engine's) */
  defaultSocket: boolean;
  /** for messages: the address and how it was chosen; never a secret */
  description: string;
}

export interface DaemonFacts {
  version: string;
  /** the daemon's API range (its newest, its oldest) */
  apiVersion: string;
  minApiVersion: string;
  /** the version reprise speaks to it, and where that comes from */
  clientApiVersion: string;
  apiVersionSource: 'negotiated' | 'DOCKER_API_VERSION';
  os: string;
  arch: string;
  rootDir: string | null;
  ncpu: number | null;
  memTotal: number | null;
  warnings: string[];
}

/**
 * The daemon's answer, or why there is none. `refusal`: an error with its own line and fix, not "the engine
 * does not answer" (no API version in common, DOCKER_API_VERSION invalid or refused, an endpoint reprise
 * cannot use).
 */
export type DaemonReading = DaemonFacts | { error: string; refusal?: RepriseError };

export function daemonAnswers(r: DaemonReading): r is DaemonFacts {
  return !('error' in r);
}

/** Where the engine is and how it was chosen ("context staging (ssh://deploy@host)"); '-' when unresolved. */
function describe(e: EngineWhere | null): string {
  return e?.description ?? '-';
}

function whereDetails(e: EngineWhere | null): Record<string, unknown> {
  return e ? { engineUrl: e.url, engineSource: e.source, engineContext: e.context, engineRemote: e.remote } : {};
}

export function engineCheck(lang: Lang, where: EngineWhere | null, r: DaemonReading): DoctorCheck {
  const endpoint = describe(where);
  if (!daemonAnswers(r) && r.refusal) {
    return { id: 'engine', status: 'fail', summary: t(lang, r.refusal.key, r.refusal.params), details: { endpoint, error: r.error, ...r.refusal.details }, fix: hint(lang, r.refusal.key, r.refusal.params) };
  }
  if (!daemonAnswers(r)) {
    const fix = where?.kind === 'ssh' || where?.kind === 'tcp' ? t(lang, where.kind === 'ssh' ? 'doctorEngineFixSsh' : 'doctorEngineFixTcp', { url: where.url }) : t(lang, 'doctorEngineFix');
    return { id: 'engine', status: 'fail', summary: t(lang, 'doctorEngineFail', { endpoint, reason: r.error }), details: { endpoint, error: r.error }, fix };
  }
  return {
    id: 'engine',
    status: 'ok',
    summary: t(lang, 'doctorEngineOk', {
      version: r.version,
      api: r.apiVersion,
      minApi: r.minApiVersion,
      clientApi: r.clientApiVersion,
      via: r.apiVersionSource === 'DOCKER_API_VERSION' ? ' via DOCKER_API_VERSION' : '',
      os: r.os,
      arch: r.arch,
      endpoint,
    }),
    details: { endpoint, ...whereDetails(where), ...r },
    fix: null,
  };
}
