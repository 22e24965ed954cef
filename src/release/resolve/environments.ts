// The environments of one configuration (SPEC §7 `environments`, seed §7.2 staging → production):
// each has its own compose project, hence its own rows in the shared state store (history, lock,
// journal), its own .env.rollback-<env>; images are shared by version tag.
import { loadProject, type Project } from '../../config/project';
import { currentVersionOf } from '../../domain/plan';
import { lastDeployedVersion, previousGoodVersion } from '../../domain/previous';
import type { HistoryEvent, Release } from '../../domain/types';
import { isRepriseError } from '../../domain/errors';
import { t } from '../../domain/messages';
import type { OpContext } from '../context';
import { runningTags } from './resolve';

export interface EnvironmentState {
  /** null: the top-level configuration (no `-e`) */
  environment: string | null;
  project: string;
  /** version every versioned service runs (null when stopped or mixed) */
  current: string | null;
  runningVersions: string[];
  /** newest version reprise put in place successfully there (the last known-good one) */
  lastGood: string | null;
  /** what a rollback without argument would pick there */
  previous: string | null;
  /** versions released healthy there and not found bad afterwards */
  verified: string[];
  /** why this environment could not be read (config or engine problem), else null */
  error: string | null;
}

export type Verification =
  | { verified: true; releaseId: number; at: string; by: 'release' | 'verify' }
  | { verified: false; reason: 'never_released' | 'last_release_failed' | 'rolled_back_from' | 'verify_failed'; releaseId: number | null; at: string | null };

/**
 * Whether `version` was verified healthy in one environment: its latest release there succeeded (every
 * service passed its health gate), nobody rolled back away from it afterwards, and the last `verify`
 * run on it after that release (if any) passed. Pure; `releases` and `events` newest first.
 */
export function verificationOf(releases: Release[], events: HistoryEvent[], version: string): Verification {
  const r = releases.find((x) => x.version === version && x.outcome !== 'running' && x.outcome !== 'cancelled');
  if (!r) return { verified: false, reason: 'never_released', releaseId: null, at: null };
  if (r.outcome !== 'success') return { verified: false, reason: 'last_release_failed', releaseId: r.id, at: r.finishedAt ?? r.startedAt };
  const away = releases.find((x) => x.id > r.id && x.kind !== 'deploy' && x.outcome === 'success' && x.fromVersion === version);
  if (away) return { verified: false, reason: 'rolled_back_from', releaseId: away.id, at: away.finishedAt ?? away.startedAt };
  const since = r.finishedAt ?? r.startedAt;
  const check = events.find((e) => (e.type === 'verify_passed' || e.type === 'verify_failed') && e.details.version === version && e.at >= since);
  if (check?.type === 'verify_failed') return { verified: false, reason: 'verify_failed', releaseId: r.id, at: check.at };
  return { verified: true, releaseId: r.id, at: check?.at ?? since, by: check ? 'verify' : 'release' };
}

/** Every version verified healthy in one environment (see verificationOf), newest release first. */
export function verifiedVersions(releases: Release[], events: HistoryEvent[]): string[] {
  const versions = [...new Set(releases.map((r) => r.version))];
  return versions.filter((v) => verificationOf(releases, events, v).verified);
}

/** Names of the configured environments (empty when the config has none). */
export function environmentNames(project: Project): string[] {
  return Object.keys(project.config.environments ?? {});
}

/** The project of another environment of the same configuration. */
export function loadEnvironment(ctx: Pick<OpContext, 'project' | 'options' | 'env'>, environment: string): Project {
  if (environment === ctx.project.environment) return ctx.project;
  const opts = ctx.options ?? { projectDir: ctx.project.dir };
  // the other environment's own files: flags that selected this environment's files do not carry over
  // REPRISE_ENGINE (like --engine) is about the environment the command was run for, not the others
  const env: NodeJS.ProcessEnv = { ...ctx.env, REPRISE_ENV: environment };
  delete env.REPRISE_ENGINE;
  return loadProject({ projectDir: ctx.project.dir, config: opts.config, lang: opts.lang, env: environment }, env);
}

async function stateOf(ctx: OpContext, project: Project): Promise<EnvironmentState> {
  const releases = ctx.store.listReleases(project.name);
  const events = ctx.store.listEvents(project.name, { limit: 500 });
  const base: EnvironmentState = {
    environment: project.environment,
    project: project.name,
    current: null,
    runningVersions: [],
    lastGood: lastDeployedVersion(releases),
    previous: null,
    verified: verifiedVersions(releases, events),
    error: null,
  };
  try {
    const engine = project === ctx.project ? ctx.engine : (ctx.engineFor?.(project) ?? ctx.engine);
    const [containers, declared] = await Promise.all([engine.containers(), engine.declared()]);
    const cur = currentVersionOf(project.versioned, runningTags(project.versioned, containers, declared));
    base.current = cur.version;
    base.runningVersions = cur.versions;
  } catch (e) {
    base.error = (e as Error).message;
  }
  base.previous = previousGoodVersion(releases, base.current ?? base.lastGood);
  return base;
}

/**
 * Every environment of the configuration (the current one included), or just the current project when
 * the configuration has none. An environment whose files cannot be read is reported with `error`.
 */
export async function environmentStates(ctx: OpContext): Promise<EnvironmentState[]> {
  const names = environmentNames(ctx.project);
  const projects: Array<Project | { environment: string; error: string }> = [];
  if (names.length === 0 || ctx.project.environment === null) projects.push(ctx.project);
  for (const name of names) {
    try {
      projects.push(loadEnvironment(ctx, name));
    } catch (e) {
      projects.push({ environment: name, error: isRepriseError(e) ? `${e.code}: ${t(ctx.lang, e.key, e.params)}` : (e as Error).message });
    }
  }
  return Promise.all(
    projects.map((p) =>
      'error' in p
        ? Promise.resolve<EnvironmentState>({ environment: p.environment, project: '-', current: null, runningVersions: [], lastGood: null, previous: null, verified: [], error: p.error })
        : stateOf(ctx, p),
    ),
  );
}
