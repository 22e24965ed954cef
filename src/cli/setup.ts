// Builds the context an operation needs from global options.
import { connectEngine } from '../engines/connect';
import { probeHttp } from '../adapters/probe/http-probe';
import { existsSync } from 'node:fs';
import { DockerApi } from '../adapters/docker/api';
import { resolveEndpoint } from '../adapters/docker/endpoint';
import { Store } from '../adapters/store';
import { loadProject, type GlobalOptions, type Project } from '../config/project';
import { t, type Lang } from '../domain/messages';
import { parseDuration } from '../domain/duration';
import { listComposeContainers } from '../engines/compose/docker-reads';
import type { LabelledContainer } from '../domain/compose-labels';
import type { Engine } from '../engines/engine';
import { whoAmI, type OpContext, type Output } from '../release/context';
import { askYesNo, type CliIo } from './io';

export function makeOutput(io: CliIo): Output {
  return {
    line: (text) => io.stderr.write(`${text}\n`),
    warn: (text) => io.stderr.write(`${text}\n`),
  };
}

/**
 * The project's engine: compose, or Swarm (`engine: swarm`, `--engine swarm`, REPRISE_ENGINE). The Docker
 * engine is the one the user points at (DOCKER_HOST, DOCKER_CONTEXT, the docker CLI's current context):
 * the Engine API reads it, and compose / `docker stack deploy` get an environment pinned to it. One that
 * cannot be used is a DOCKER_UNAVAILABLE error here, before anything is read or changed.
 */
export function makeEngine(project: Project, io: CliIo): Engine {
  const connection = connectEngine(io.env);
  if (connection.refusal) throw connection.refusal;
  return connection.engineFor(project);
}

function checkpointFor(io: CliIo): (step: string) => Promise<void> {
  const at = io.env.REPRISE_TEST_PAUSE_AT;
  if (!at) return async () => undefined;
  // with REPRISE_TEST_PAUSE_UNTIL_GONE=FILE the pause ends when FILE is removed (else: an hour, for kill -9)
  const flag = io.env.REPRISE_TEST_PAUSE_UNTIL_GONE;
  return async (step: string) => {
    if (step !== at && !(at.endsWith('*') && step.startsWith(at.slice(0, -1)))) return;
    io.stderr.write(`reprise-test-paused:${step}\n`);
    const until = Date.now() + 3_600_000;
    while (Date.now() < until && (!flag || existsSync(flag))) await new Promise((r) => setTimeout(r, flag ? 100 : 3_600_000));
  };
}

/** REPRISE_STORE_BUSY_TIMEOUT: how long a write waits for another process's (a duration, default 20s) */
function busyTimeout(env: NodeJS.ProcessEnv): number | undefined {
  const v = env.REPRISE_STORE_BUSY_TIMEOUT;
  const ms = v ? parseDuration(v) : null;
  return ms === null ? undefined : ms;
}

/**
 * A read-only command on a project that has no state yet uses an empty in-memory store, so that looking
 * (versions, history, status, rollback --help) never creates files in the project.
 */
export function buildContext(opts: GlobalOptions, io: CliIo, lang: Lang, project: Project, readOnly = false, storeFallback = false): OpContext {
  // first: an engine that cannot be used is refused before the store is opened (or created)
  const engine = makeEngine(project, io);
  let store: Store;
  try {
    store = Store.open(readOnly && !existsSync(project.stateFile) ? ':memory:' : project.stateFile, { busyTimeoutMs: busyTimeout(io.env) });
  } catch (e) {
    // the emergency path works without its history: it falls back to .env.rollback (SPEC §6)
    if (!storeFallback) throw e;
    io.stderr.write(`${t(lang, 'emergencyStoreUnreadable', { file: project.stateFile, problem: (e as Error).message })}\n`);
    store = Store.open(':memory:');
  }
  const { host, user } = whoAmI(io.env);
  return {
    project,
    engine,
    store,
    env: io.env,
    lang,
    out: makeOutput(io),
    now: () => new Date(),
    probe: probeHttp,
    host,
    user,
    pid: io.pid,
    confirm: (q) => askYesNo(io, q),
    checkpoint: checkpointFor(io),
    options: { ...opts, projectDir: opts.projectDir ?? io.cwd },
    engineFor: (p) => makeEngine(p, io),
  };
}

/** Compose's containers on the engine the user points at, labels and state (init adopts what runs). */
export function composeContainersReader(io: CliIo): () => Promise<LabelledContainer[]> {
  return async () => listComposeContainers(new DockerApi(resolveEndpoint(io.env), 10_000));
}

export function loadProjectFor(opts: GlobalOptions, io: CliIo): Project {
  return loadProject({ ...opts, projectDir: opts.projectDir ?? io.cwd }, io.env);
}
