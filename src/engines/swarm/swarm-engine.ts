// The Swarm engine (engine: swarm): the project's compose files deployed as a stack with `docker stack
// deploy`, one release step at a time, read back through the Engine API (services, tasks, their containers).
//
// Each step pins every service of the stack in an override file written by reprise: the services of the
// step get their new image (and, for long-running versioned services, Swarm's update_config: start-first
// where possible, failure_action: rollback, monitor = readiness_delay, unless the file says otherwise); every
// other service keeps the image and replicas its spec has now; a versioned service that does not exist yet
// is created with 0 replicas until its own step (infrastructure is created as the file says: Swarm does not
// order starts, and a proxy in front of the versioned services must run for their health URLs to answer).
// So a step changes what `compose up --no-deps SERVICES` would, plus missing infrastructure.
// The outcome of a step is read from the services themselves (see rolloutVerdict): `docker stack deploy`
// exits 0 even when Swarm rolls a service back afterwards.
import { randomBytes } from 'node:crypto';
import { apiImageOps } from '../compose/image-ops';
import type { DataOps } from '../data-ops';
import type { ImageOps } from '../image-ops';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { withEngineOf } from '../../adapters/docker/endpoint';
import { RepriseError } from '../../domain/errors';
import type { ComposeRunner } from '../compose/compose-cli';
import { containerImageIds, demux, engineCounts, imagePath, listImages, removeImageReference } from '../compose/docker-reads';
import type { ApplyRequest, ContainerStats, DeclaredService, DoctorEngine, EngineContainer, ImageRemoval, LocalImage, RolloutState, ServiceContainer } from '../engine';
import type { SwarmEngineFacts } from '../../domain/doctor/swarm';
import type { SwarmProject } from '../target';
import { listEngineContainers } from '../compose/engine-containers';
import { containerHealthcheck, runContainerHealthcheck } from '../compose/healthcheck-ops';
import type { HealthcheckDefinition, HealthcheckRun } from '../../domain/healthcheck';
import { overrideDoc, parseForStack, renderStackYaml, stackVersion, toStackDoc } from './stack-file';
import { stepPins } from './step-pins';
import { swarmEngineFacts } from './swarm-diagnostics';
import { stackDeploy, type StackCli } from './stack-cli';
import {
  declaredOf,
  inspectService,
  inspectTask,
  listStackContainers,
  rolloutVerdict,
  serviceTasks,
  stackServices,
  stripDigest,
  swarmInfo,
  taskStats,
  type SwarmServiceDoc,
} from './swarm-reads';

type Raw = Record<string, unknown>;

/** ImageOps and DataOps come from apiImageOps (assigned in the constructor). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface SwarmEngine extends ImageOps, DataOps {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the methods are assigned in the constructor
export class SwarmEngine implements DoctorEngine {
  /** one-shot service → the run label of the run this process started (see rolloutVerdict) */
  private readonly runs = new Map<string, string>();
  /** task → its container on this node (a task keeps its container) */
  private readonly taskContainers = new Map<string, string>();

  constructor(
    private readonly api: DockerApi,
    private readonly project: SwarmProject,
    /** pinned to the resolved engine (endpoint.ts childEnv): `docker stack deploy` writes where reprise reads */
    private readonly env: NodeJS.ProcessEnv,
    private readonly cli: () => Promise<StackCli>,
    /** compose builds and pulls the images (`deploy --build` / `--pull`): on this node only */
    private readonly compose: () => Promise<ComposeRunner>,
  ) {
    Object.assign(this, apiImageOps(api));
  }

  get name(): string {
    return 'swarm';
  }

  private get stack(): string {
    return this.project.name;
  }

  /** The engine must be an active swarm manager, and the docker CLI must have `stack`. */
  async prepare(): Promise<void> {
    const info = await swarmInfo(this.api);
    if (info.state !== 'active') throw new RepriseError('DOCKER_UNAVAILABLE', 'swarmInactive', { state: info.state });
    if (!info.manager) throw new RepriseError('DOCKER_UNAVAILABLE', 'swarmNotManager', {});
    await this.cli();
  }

  containers(): Promise<ServiceContainer[]> {
    return listStackContainers(this.api, this.stack);
  }

  async container(id: string): Promise<ServiceContainer | null> {
    return (await this.containers()).find((c) => c.id === id) ?? null;
  }

  images(repositories: string[]): Promise<LocalImage[]> {
    return listImages(this.api, repositories);
  }


  /** The specs of the stack's services, read strictly: a swarm without a leader is not an empty stack. */
  async declared(): Promise<Map<string, DeclaredService>> {
    try {
      return declaredOf(this.stack, await stackServices(this.api, this.stack, true));
    } catch (e) {
      if (e instanceof DockerApiError && e.status === 503) throw new RepriseError('DOCKER_UNAVAILABLE', 'swarmUnavailable', { reason: e.message });
      throw e;
    }
  }

  async apply(req: ApplyRequest): Promise<void> {
    const cli = await this.cli();
    const declared = await this.declared();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    const docs = this.project.composeFiles.map((f) => parseForStack(readFileSync(f, 'utf8'), yaml.parse));
    const version = stackVersion(docs);
    const { pins, tags } = stepPins(this.project, docs, declared, req, (service) => {
      const run = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
      this.runs.set(service, run);
      return run;
    });
    // the env file's variables reach the CLI too, but never its engine (DOCKER_CONTEXT, TLS) in place of ours
    const env: NodeJS.ProcessEnv = withEngineOf(this.env, { ...Object.fromEntries(this.project.envVars), ...this.env, ...tags });
    const written: string[] = [];
    const write = (path: string, doc: Raw): string => {
      writeFileSync(path, renderStackYaml(doc, yaml.stringify), { mode: 0o600 });
      written.push(path);
      return path;
    };
    try {
      // next to the originals: the CLI resolves relative paths (env_file, bind mounts, configs) from the first file's folder
      const files = this.project.composeFiles.map((f, i) => write(join(dirname(f), `.${basename(f)}.${this.stack}.reprise-stack.yml`), toStackDoc(docs[i], version)));
      files.push(write(join(dirname(this.project.composeFiles[0]), `.reprise-override.${this.stack}.yml`), overrideDoc(version, pins)));
      await stackDeploy(cli, { dir: this.project.dir, stack: this.stack }, files, env);
    } finally {
      for (const f of written) rmSync(f, { force: true });
    }
  }

  async rollout(service: string, image: string): Promise<RolloutState> {
    try {
      const svc = await inspectService(this.api, `${this.stack}_${service}`);
      const tasks = svc ? await serviceTasks(this.api, svc.ID) : [];
      const oneShot = this.project.versioned.find((s) => s.name === service)?.oneShot ?? false;
      return rolloutVerdict(svc, tasks, image, oneShot, this.runs.get(service) ?? null);
    } catch (e) {
      // a swarm electing a leader answers 503 for a moment: still in progress (the gate's timeout bounds it)
      if (e instanceof DockerApiError && e.status === 503) return { state: 'pending', reason: e.message };
      throw e;
    }
  }

  async build(services: string[], tags: Record<string, string>): Promise<void> {
    await (await this.compose()).exec(['build', ...services], tags);
  }

  async pull(services: string[], tags: Record<string, string>): Promise<void> {
    await (await this.compose()).exec(['pull', ...services], tags);
  }

  /** Task logs (`docker service logs` for one task): wherever the task runs in the cluster. */
  async logs(taskId: string, tail: number): Promise<string> {
    return this.taskLogs(taskId, tail, null);
  }

  async logsSince(taskId: string, since: Date, tail: number): Promise<string> {
    return this.taskLogs(taskId, tail, since);
  }

  private async taskLogs(taskId: string, tail: number, since: Date | null): Promise<string> {
    const sinceParam = since ? `&since=${Math.floor(since.getTime() / 1000)}` : '';
    return demux(await this.api.getRaw(`/tasks/${encodeURIComponent(taskId)}/logs?stdout=1&stderr=1&tail=${Math.max(0, Math.floor(tail))}${sinceParam}`));
  }

  /** The task's container inspect document when it runs on this node (with the task's summary), else the task's. */
  async inspectRaw(taskId: string): Promise<Record<string, unknown> | null> {
    const task = await inspectTask(this.api, taskId);
    if (!task) return null;
    const summary = { ID: task.ID, ServiceID: task.ServiceID, Slot: task.Slot ?? null, NodeID: task.NodeID ?? null, DesiredState: task.DesiredState, Status: task.Status, Image: task.Spec.ContainerSpec?.Image ?? null };
    const cid = task.Status.ContainerStatus?.ContainerID;
    if (cid) {
      try {
        return { ...(await this.api.get<Record<string, unknown>>(`/containers/${encodeURIComponent(cid)}/json`)), SwarmTask: summary };
      } catch (e) {
        if (!(e instanceof DockerApiError && e.status === 404)) throw e;
      }
    }
    return { SwarmTask: summary, Config: { Image: summary.Image, Env: task.Spec.ContainerSpec?.Env ?? [] }, State: null };
  }

  stats(taskId: string): Promise<ContainerStats | null> {
    return taskStats(this.api, taskId);
  }

  counts(): Promise<{ containersRunning: number; images: number }> {
    return engineCounts(this.api);
  }

  /**
   * Images used by containers, and those every service of the swarm names in its spec or its previous spec
   * (the target of Swarm's own `docker service rollback`): none of them is ever pruned.
   */
  allContainers(): Promise<EngineContainer[]> {
    return listEngineContainers(this.api);
  }

  async imagesInUse(): Promise<Set<string>> {
    const [ids, services] = await Promise.all([containerImageIds(this.api), this.api.get<SwarmServiceDoc[]>('/services').catch(() => [] as SwarmServiceDoc[])]);
    const refs = new Set(
      services.flatMap((s) => [s.Spec.TaskTemplate.ContainerSpec?.Image, s.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image]).filter((r): r is string => Boolean(r)).map(stripDigest),
    );
    await Promise.all(
      [...refs].map(async (ref) => {
        try {
          ids.add((await this.api.get<{ Id: string }>(`/images/${imagePath(ref)}/json`)).Id);
        } catch {
          // not on this node: nothing to keep here
        }
      }),
    );
    return ids;
  }

  removeImage(reference: string): Promise<ImageRemoval> {
    return removeImageReference(this.api, reference);
  }

  // --- compose start-first behind a proxy: Swarm does its own start-first (update_config.order) ---
  startBeside(): Promise<{ created: Record<string, string>; error: Error | null }> {
    return Promise.reject(new Error('start-first behind a proxy is not used with the swarm engine'));
  }

  removeContainer(): Promise<void> {
    return Promise.reject(new Error('not used with the swarm engine'));
  }

  signal(): Promise<void> {
    return Promise.reject(new Error('not used with the swarm engine'));
  }

  putFile(): Promise<void> {
    return Promise.reject(new Error('not used with the swarm engine'));
  }

  readFile(): Promise<string | null> {
    return Promise.reject(new Error('not used with the swarm engine'));
  }

  processes(): Promise<Array<{ pid: number; command: string }>> {
    return Promise.reject(new Error('not used with the swarm engine'));
  }

  addressBeside(): Promise<string | null> {
    return Promise.reject(new Error('not used with the swarm engine'));
  }

  // --- doctor ---
  swarmState(): Promise<SwarmEngineFacts> {
    return swarmEngineFacts(this.api, this.env, this.cli);
  }

  /** The stack's specs for a report: a node that is no manager (503) declares nothing here, not an error. */
  async declaredForReport(): Promise<Map<string, DeclaredService>> {
    return declaredOf(this.stack, await stackServices(this.api, this.stack));
  }

  /** The task's container when it runs on this node; null elsewhere in the cluster (or not started yet). */
  private async localContainerOf(taskId: string): Promise<string | null> {
    const known = this.taskContainers.get(taskId);
    if (known) return known;
    const cid = (await inspectTask(this.api, taskId))?.Status.ContainerStatus?.ContainerID;
    if (cid) this.taskContainers.set(taskId, cid);
    return cid ?? null;
  }

  /** The healthcheck of the task's container on this node (a task elsewhere: null, Swarm's verdict only). */
  async healthcheck(taskId: string): Promise<HealthcheckDefinition | null> {
    const cid = await this.localContainerOf(taskId);
    return cid ? containerHealthcheck(this.api, cid) : null;
  }

  async runHealthcheck(taskId: string, check: HealthcheckDefinition, timeoutMs: number, signal?: AbortSignal): Promise<HealthcheckRun | null> {
    const cid = await this.localContainerOf(taskId);
    return cid ? runContainerHealthcheck(this.api, cid, check, timeoutMs, signal) : null;
  }
}
