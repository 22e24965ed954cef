import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { apiImageOps } from './image-ops';
import type { DataOps } from '../data-ops';
import type { ImageOps } from '../image-ops';
import { containerStats } from '../../adapters/docker/stats';
import type { ApplyRequest, ContainerStats, DeclaredService, DoctorEngine, EngineContainer, ImageRemoval, LocalImage, RolloutState, ServiceContainer } from '../engine';
import { listEngineContainers } from './engine-containers';
import type { ComposeRunner } from './compose-cli';
import { addressBeside, processes, putFile, readFile, stopAndRemove } from './container-ops';
import { containerImageIds, containerLogs, engineCounts, inspectContainer, listImages, listProjectContainers, removeImageReference } from './docker-reads';
import { inSync, parseHashes, sameButImage, serviceOf } from './config-hash';
import { joinServiceName, renameContainer, startTwin, takeName } from './twin-ops';
import { containerHealthcheck, runContainerHealthcheck } from './healthcheck-ops';
import type { HealthcheckDefinition, HealthcheckRun } from '../../domain/healthcheck';

/** ImageOps and DataOps come from apiImageOps (assigned in the constructor). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface ComposeEngine extends ImageOps, DataOps {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the methods are assigned in the constructor
export class ComposeEngine implements DoctorEngine {
  constructor(
    private readonly api: DockerApi,
    private readonly project: string,
    private readonly runner: () => Promise<ComposeRunner>,
  ) {
    Object.assign(this, apiImageOps(api));
  }

  get name(): string {
    return 'compose';
  }

  async prepare(): Promise<void> {
    await this.runner();
  }

  containers(): Promise<ServiceContainer[]> {
    return listProjectContainers(this.api, this.project);
  }

  container(id: string): Promise<ServiceContainer | null> {
    return inspectContainer(this.api, id);
  }

  images(repositories: string[]): Promise<LocalImage[]> {
    return listImages(this.api, repositories);
  }


  /**
   * `up -d --no-build SERVICE…`. With `--no-deps` unless every dependency runs in sync with compose's own
   * view (config hash, image): compose v2 hashes a service released with `--no-deps` without its depends_on,
   * so a plain `docker compose up -d` afterwards would recreate it; without `--no-deps` and with its
   * dependencies in sync, compose touches none of them and gives the service the hash `up -d` computes.
   */
  async apply(req: ApplyRequest): Promise<void> {
    const r = await this.runner();
    const deps = (req.dependencies ?? []).filter((d) => !req.services.includes(d));
    let noDeps = true;
    if (deps.length) {
      const hashes = await this.configHashes(req.tags).catch(() => new Map<string, string>());
      noDeps = !(await inSync(this.api, await this.containers(), hashes, deps).catch(() => false));
    }
    await r.exec(['up', '-d', ...(noDeps ? ['--no-deps'] : []), '--no-build', ...req.services], req.tags);
  }

  /** Compose's configuration hash of every service with these tags (`config --hash '*'`). */
  async configHashes(tags: Record<string, string>): Promise<Map<string, string>> {
    const r = await this.runner();
    return parseHashes((await r.exec(['config', '--hash', '*'], tags)).stdout);
  }

  /** Start-first behind a router reprise does not own: the new version's container beside the old one (twin-ops.ts). */
  async startTwin(oldId: string, service: string, reference: string, tags: Record<string, string>): Promise<string> {
    const hash = (await this.configHashes(tags).catch(() => new Map<string, string>())).get(service) ?? null;
    return startTwin(this.api, oldId, service, reference, hash);
  }

  /**
   * Why the twin of `oldId` would not be what compose creates for the new version (null: it would): the
   * running container must carry the hash compose computes for its own version (the compose file did not
   * change since), and the service's configuration for the two versions may differ only in its image.
   */
  async twinObstacle(oldId: string, service: string, tags: Record<string, string>, oldTags: Record<string, string>): Promise<'compose_changed' | 'more_than_image' | null> {
    const r = await this.runner();
    const [hashes, before, after, doc] = await Promise.all([
      this.configHashes(oldTags),
      r.exec(['config'], oldTags),
      r.exec(['config'], tags),
      this.api.get<{ Config?: { Labels?: Record<string, string> | null } }>(`/containers/${encodeURIComponent(oldId)}/json`),
    ]);
    if ((doc.Config?.Labels ?? {})['com.docker.compose.config-hash'] !== hashes.get(service)) return 'compose_changed';
    return sameButImage(serviceOf(before.stdout, service), serviceOf(after.stdout, service)) ? null : 'more_than_image';
  }

  joinServiceName(twinId: string, oldId: string, service: string): Promise<void> {
    return joinServiceName(this.api, twinId, oldId, service);
  }

  takeName(twinId: string, oldId: string): Promise<void> {
    return takeName(this.api, twinId, oldId);
  }

  renameContainer(id: string, name: string): Promise<void> {
    return renameContainer(this.api, id, name);
  }

  async build(services: string[], tags: Record<string, string>): Promise<void> {
    const r = await this.runner();
    await r.exec(['build', ...services], tags);
  }

  async pull(services: string[], tags: Record<string, string>): Promise<void> {
    const r = await this.runner();
    await r.exec(['pull', ...services], tags);
  }

  logs(containerId: string, tail: number): Promise<string> {
    return containerLogs(this.api, containerId, tail);
  }

  logsSince(containerId: string, since: Date, tail: number): Promise<string> {
    return containerLogs(this.api, containerId, tail, since);
  }

  stats(containerId: string): Promise<ContainerStats | null> {
    return containerStats(this.api, containerId);
  }

  async inspectRaw(containerId: string): Promise<Record<string, unknown> | null> {
    try {
      return await this.api.get<Record<string, unknown>>(`/containers/${encodeURIComponent(containerId)}/json`);
    } catch (e) {
      if (e instanceof DockerApiError && e.status === 404) return null;
      throw e;
    }
  }

  counts(): Promise<{ containersRunning: number; images: number }> {
    return engineCounts(this.api);
  }

  imagesInUse(): Promise<Set<string>> {
    return containerImageIds(this.api);
  }

  allContainers(): Promise<EngineContainer[]> {
    return listEngineContainers(this.api);
  }

  removeImage(reference: string): Promise<ImageRemoval> {
    return removeImageReference(this.api, reference);
  }

  /** `compose up` returns once the containers are created: the health gate does the rest. */
  async rollout(): Promise<RolloutState> {
    return { state: 'done', reason: null };
  }

  /** Compose declares nothing beyond its containers: what runs is what the containers run. */
  async declared(): Promise<Map<string, DeclaredService> | null> {
    return null;
  }

  // --- doctor: compose is no swarm and declares nothing ---
  async swarmState(): Promise<null> {
    return null;
  }

  async declaredForReport(): Promise<null> {
    return null;
  }

  /**
   * `up -d --no-deps --no-recreate --scale S=N+1 S…`: compose adds a container on the new tag and leaves the
   * running one as it is (docker-rollout's technique; both compose flavours). The new ids are the containers
   * that were not there before.
   */
  async startBeside(req: ApplyRequest): Promise<{ created: Record<string, string>; error: Error | null }> {
    const before = await this.containers();
    const scale = req.services.flatMap((s) => ['--scale', `${s}=${before.filter((c) => c.service === s).length + 1}`]);
    const r = await this.runner();
    let error: Error | null = null;
    try {
      await r.exec(['up', '-d', '--no-deps', '--no-build', '--no-recreate', ...scale, ...req.services], req.tags);
    } catch (e) {
      error = e as Error;
    }
    const known = new Set(before.map((c) => c.id));
    const created: Record<string, string> = {};
    for (const c of await this.containers()) {
      if (!known.has(c.id) && req.services.includes(c.service)) created[c.service] = c.id;
    }
    return { created, error };
  }

  removeContainer(id: string): Promise<void> {
    return stopAndRemove(this.api, id);
  }

  async signal(id: string, signal: string): Promise<void> {
    await this.api.call('POST', `/containers/${encodeURIComponent(id)}/kill?signal=${encodeURIComponent(signal)}`);
  }

  putFile(id: string, dir: string, name: string, content: string): Promise<void> {
    return putFile(this.api, id, dir, name, content);
  }

  readFile(id: string, path: string): Promise<string | null> {
    return readFile(this.api, id, path);
  }

  processes(id: string): Promise<Array<{ pid: number; command: string }>> {
    return processes(this.api, id);
  }

  addressBeside(id: string, peerId: string): Promise<string | null> {
    return addressBeside(this.api, id, peerId);
  }

  healthcheck(containerId: string): Promise<HealthcheckDefinition | null> {
    return containerHealthcheck(this.api, containerId);
  }

  runHealthcheck(containerId: string, check: HealthcheckDefinition, timeoutMs: number, signal?: AbortSignal): Promise<HealthcheckRun | null> {
    return runContainerHealthcheck(this.api, containerId, check, timeoutMs, signal);
  }
}
