// The facts every doctor check draws on, gathered once: the project (or why it could not be read), the Docker
// engine (where it is, whether it answers, the project's engine on it), the state store read-only, and the
// project's containers. Nothing is created: an absent store means no history, no lock, no journal.
import { resolve } from 'node:path';
import { fileExists } from '../../adapters/system';
import { Store } from '../../adapters/store';
import { loadProject, type GlobalOptions, type Project } from '../../config/project';
import { daemonAnswers, failedCheck, type DaemonReading, type DoctorCheck } from '../../domain/doctor';
import type { ServiceContainer } from '../../domain/containers';
import { pickLang, type Lang } from '../../domain/messages';
import type { Release } from '../../domain/types';
import { connectEngine, type EngineConnection } from '../../engines/connect';
import type { DoctorEngine } from '../../engines/engine';
import { whoAmI } from '../../release/context';
import { composeFacts } from './compose-facts';

/** Docker calls of the doctor give up sooner than an operation's: a hung daemon is a finding. */
const DOCKER_TIMEOUT_MS = 10_000;

export interface DoctorInput {
  options: GlobalOptions;
  env: NodeJS.ProcessEnv;
  /** language flag (--lang); the project's `lang:` is used when the flag and REPRISE_LANG are absent */
  langFlag?: string;
}

export interface DoctorContext {
  lang: Lang;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** this machine's name (the lock's holder may be elsewhere) */
  host: string;
  /** --env-file, for the env files to judge when the project could not be read */
  envFileFlags: string[] | undefined;
  project: Project | null;
  configError: unknown;
  connection: EngineConnection;
  daemon: DaemonReading;
  /** the daemon answers */
  engineUp: boolean;
  /** the project's engine, when there is a project and the daemon answers */
  engine: DoctorEngine | null;
  swarm: boolean;
  /** the project's containers (or Swarm tasks), read once for every check that needs them */
  containers: Promise<ServiceContainer[]> | null;
  /** the compose check, started first (it runs while the others do) */
  compose: Promise<DoctorCheck>;
  store: Store | null;
  storeError: unknown;
  releases: Release[];
}

/** Opens the state store last: the caller closes it (`context.store?.close()`). */
export async function gather(input: DoctorInput): Promise<DoctorContext> {
  const dir = resolve(input.options.projectDir ?? input.env.REPRISE_PROJECT_DIR ?? process.cwd());
  const env = input.env;
  // the project (config, compose files, env file); an invalid one is a finding, not the end
  let project: Project | null = null;
  let configError: unknown = null;
  try {
    project = loadProject({ ...input.options, projectDir: dir }, env);
  } catch (e) {
    configError = e;
  }
  const lang = pickLang(input.langFlag, env, project?.config.lang);
  // the engine the user points at; one that reprise cannot use is the engine check's finding, with its fix
  const connection = connectEngine(env, { apiTimeoutMs: DOCKER_TIMEOUT_MS });
  const compose = composeFacts(lang, connection.host, env, project).catch((e: unknown) => failedCheck(lang, 'compose', e));
  const daemon = await connection.host.daemon();
  const engineUp = daemonAnswers(daemon);
  const engine = project && engineUp ? connection.engineFor(project) : null;
  const containers = engine ? engine.containers() : null;
  containers?.catch(() => undefined);
  let store: Store | null = null;
  let storeError: unknown = null;
  if (project && fileExists(project.stateFile)) {
    try {
      store = Store.open(project.stateFile);
    } catch (e) {
      storeError = e;
    }
  }
  let releases: Release[] = [];
  try {
    releases = store && project ? store.listReleases(project.name) : [];
  } catch (e) {
    store?.close();
    throw e;
  }
  return {
    lang,
    dir,
    env,
    host: whoAmI(env).host,
    envFileFlags: input.options.envFile,
    project,
    configError,
    connection,
    daemon,
    engineUp,
    engine,
    swarm: project?.engine === 'swarm',
    containers,
    compose,
    store,
    storeError,
    releases,
  };
}
