// Opens the Docker engine the user points at (DOCKER_HOST, DOCKER_CONTEXT, the docker CLI's current context)
// and a project's engine on it: compose, or Swarm. The Engine API reads it, and compose / `docker stack
// deploy` get an environment pinned to it. An endpoint reprise cannot use is kept as the refusal: the host
// reports it, and the project's engine is then the null engine, which throws it on every change.
import { join } from 'node:path';
import { DockerApi } from '../adapters/docker/api';
import { ToolCache } from '../adapters/fs/tool-cache';
import { childEnv, resolveEndpoint, type ResolvedEndpoint } from '../adapters/docker/endpoint';
import { isRepriseError, type RepriseError } from '../domain/errors';
import { ComposeRunner, detectCompose } from './compose/compose-cli';
import { ComposeEngine } from './compose/compose-engine';
import type { HostDiagnostics } from './diagnostics';
import { DockerHost, whereOf } from './docker-host';
import type { DoctorEngine, ImageOps } from './engine';
import { apiImageOps } from './compose/image-ops';
import { NullEngine } from './null-engine';
import { detectStackCli, type StackCli } from './swarm/stack-cli';
import { SwarmEngine } from './swarm/swarm-engine';
import type { EngineTarget } from './target';

export interface ConnectOptions {
  /** Engine API calls give up after this (default: the client's 30 s) */
  apiTimeoutMs?: number;
  /** the host's `compose config -q` gives up after this (default 30 s) */
  composeTimeoutMs?: number;
}

export interface EngineConnection {
  readonly host: HostDiagnostics;
  /** why the endpoint cannot be used (DOCKER_UNAVAILABLE naming it); null when it can */
  readonly refusal: RepriseError | null;
  /** the environment of docker and compose children: pinned to the engine (the given one when refused) */
  readonly env: NodeJS.ProcessEnv;
  /** The project's engine; the null engine when the endpoint is refused. */
  engineFor(project: EngineTarget): DoctorEngine;
}

export function connectEngine(env: NodeJS.ProcessEnv, o: ConnectOptions = {}): EngineConnection {
  let endpoint: ResolvedEndpoint | null = null;
  let refusal: RepriseError | null = null;
  try {
    endpoint = resolveEndpoint(env);
  } catch (e) {
    if (!isRepriseError(e)) throw e;
    refusal = e;
  }
  const api = endpoint ? new DockerApi(endpoint, o.apiTimeoutMs) : null;
  // docker and compose children go to that same engine
  const pinned = endpoint ? childEnv(endpoint, env) : env;
  const host = new DockerHost(endpoint ? whereOf(endpoint) : null, api, refusal, pinned, o.composeTimeoutMs ?? 30_000);
  return {
    host,
    refusal,
    env: pinned,
    engineFor: (project) => (api ? openEngine(api, project, pinned) : new NullEngine(project.engine, refusal!)),
  };
}

/** compose or Swarm on `api`; compose (and the stack client) detected once, on first use. */
function openEngine(api: DockerApi, project: EngineTarget, env: NodeJS.ProcessEnv): DoctorEngine {
  let runner: Promise<ComposeRunner> | null = null;
  const getRunner = (): Promise<ComposeRunner> => {
    runner ??= detectCompose(env, new ToolCache(join(project.dir, '.reprise', 'tools.json'))).then((cli) => new ComposeRunner(cli, { dir: project.dir, project: project.name, files: project.composeFiles, envFiles: project.envFiles }, env));
    return runner;
  };
  if (project.engine === 'swarm') {
    let stackCli: Promise<StackCli> | null = null;
    return new SwarmEngine(api, project, env, () => (stackCli ??= detectStackCli(env)), getRunner);
  }
  return new ComposeEngine(api, project.name, getRunner);
}

/** The engine `reprise ship` copies images from: a DOCKER_HOST value (unix://, ssh://, tcp://), read-only use. */
export interface ImageSource extends Pick<ImageOps, 'imageInfo' | 'saveImages'> {
  /** where it is, for messages (no credential) */
  readonly description: string;
}

export function imageSource(from: string, env: NodeJS.ProcessEnv): ImageSource {
  const endpoint = resolveEndpoint({ ...env, DOCKER_HOST: from, DOCKER_CONTEXT: undefined });
  const api = new DockerApi(endpoint);
  return {
    description: endpoint.description,
    ...(({ imageInfo, saveImages }) => ({ imageInfo, saveImages }))(apiImageOps(api)),
  };
}
