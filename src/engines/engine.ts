// The engine interface: what reprise needs from whatever runs the stack: compose (one host) or Docker Swarm.
import type { HealthcheckDefinition, HealthcheckRun } from '../domain/healthcheck';

export type HealthStatus = 'healthy' | 'unhealthy' | 'starting' | null;

export interface ServiceContainer {
  service: string;
  id: string;
  name: string;
  /** image reference the container was created from, e.g. recyclic-api:abc1234 */
  image: string;
  imageId: string;
  state: string; // created | running | restarting | exited | dead | paused
  health: HealthStatus;
  exitCode: number | null;
  restartCount: number;
  startedAt: string | null;
  createdAt: string | null;
}

export interface LocalImage {
  repository: string;
  tag: string;
  id: string;
  created: string; // ISO
  size: number;
  /** the compose project the image was built for (its `com.docker.compose.project` label, set by compose v2's build); null without one */
  project?: string | null;
}

/** A container of the engine, whatever its project. */
export interface EngineContainer {
  id: string;
  name: string;
  /** image reference it was created from, e.g. recyclic-api-migrations:abc1234 */
  image: string;
  imageId: string;
  state: string;
  /** compose project label, or the Swarm stack namespace; null for a container of neither */
  project: string | null;
  /** compose service label; null without one */
  service: string | null;
  /** a `compose run` container */
  oneOff: boolean;
}

/** What removing one image reference did (SPEC §3 prune). */
export interface ImageRemoval {
  reference: string;
  /** the image itself was deleted (false: it keeps other tags and was only untagged, or nothing changed) */
  deleted: boolean;
  /** bytes the engine released (layers no other image uses); 0 when only untagged */
  bytes: number;
  /** refused because a container uses the image (never forced) */
  inUse: boolean;
  /** why the removal failed, null when it succeeded */
  error: string | null;
}

export interface ContainerStats {
  /** docker-CLI style: may exceed 100 on several CPUs */
  cpuPercent: number;
  /** usage without page cache, over the limit (the host's memory when unlimited) */
  memoryPercent: number;
  memoryBytes: number;
}

export interface ApplyRequest {
  /** services (re)created together, dependencies untouched */
  services: string[];
  /** value of every tag variable for this call */
  tags: Record<string, string>;
  /** the release's target version, when the call is part of one (Swarm creates versioned services not released yet on it) */
  version?: string;
  /** what the services depend on, transitively (compose: they are left alone; see ComposeEngine.apply) */
  dependencies?: string[];
}

/**
 * Where a service's rollout stands, for engines that roll services out themselves (Swarm's update of a
 * service: `UpdateStatus`). `done`: the engine is finished with it (reprise's own health gate follows);
 * `failed`: the engine gave up (e.g. Swarm rolled the service back or paused), `reason` says why.
 */
export interface RolloutState {
  state: 'done' | 'pending' | 'failed';
  reason: string | null;
}

/** What the engine declares a service should run (Swarm: its service spec). */
export interface DeclaredService {
  service: string;
  /** image reference of the spec, without a digest */
  image: string;
  /** the spec's image reference exactly as it is (a digest included): what keeps the service as it is */
  reference: string;
  /** the run label reprise gave a one-shot's last run (Swarm), null otherwise */
  run: string | null;
  /** desired replicas (null: global mode) */
  replicas: number | null;
}

export interface Engine {
  readonly name: string;
  /** Checks that the engine can apply changes (e.g. compose is installed); throws a RepriseError otherwise. */
  prepare(): Promise<void>;
  /** Containers of the project (running or not), one-off containers excluded. */
  containers(): Promise<ServiceContainer[]>;
  container(id: string): Promise<ServiceContainer | null>;
  /** Local images of the given repositories. */
  images(repositories: string[]): Promise<LocalImage[]>;
  /** (Re)creates the given services with the given tags, dependencies untouched. */
  apply(req: ApplyRequest): Promise<void>;
  build(services: string[], tags: Record<string, string>): Promise<void>;
  pull(services: string[], tags: Record<string, string>): Promise<void>;
  logs(containerId: string, tail: number): Promise<string>;
  /** The engine's raw inspect document of a container (null when it is gone). */
  inspectRaw(containerId: string): Promise<Record<string, unknown> | null>;
  /** Log lines (stdout and stderr) written at or after `since`, at most the last `tail` of them. */
  logsSince(containerId: string, since: Date, tail: number): Promise<string>;
  /** One-shot resource usage of a running container; null when it is not running or gone. */
  stats(containerId: string): Promise<ContainerStats | null>;
  counts(): Promise<{ containersRunning: number; images: number }>;
  /** Ids of the images that containers (of any project, running or not) were created from. */
  imagesInUse(): Promise<Set<string>>;
  /** Every container of the engine (any project, running or not, `compose run` ones included). */
  allContainers(): Promise<EngineContainer[]>;
  /** Removes one `repository:tag` reference, never forced: an image with other tags is only untagged. */
  removeImage(reference: string): Promise<ImageRemoval>;
  /** The engine's own rollout of a service towards `image` (compose has none: always done). */
  rollout(service: string, image: string): Promise<RolloutState>;
  /** Service → what the engine declares it runs (Swarm's service specs); null when the engine has no such notion (compose). */
  declared(): Promise<Map<string, DeclaredService> | null>;

  // --- start-first releases (issue 6) ---
  /**
   * Starts one more container of each service beside its running one (start-first), with the given tags,
   * dependencies untouched, the running containers left as they are; returns service → new container id,
   * and the error when compose failed (the containers it did create are listed all the same).
   */
  startBeside(req: ApplyRequest): Promise<{ created: Record<string, string>; error: Error | null }>;
  /** Stops one container (SIGTERM, SIGKILL after its own stop grace period) and removes it with its anonymous volumes. */
  removeContainer(id: string): Promise<void>;
  /** Sends a signal to a container's main process (e.g. HUP: nginx reloads its configuration). */
  signal(id: string, signal: string): Promise<void>;
  /** Writes one file (mode 0644) into a container's filesystem. */
  putFile(id: string, dir: string, name: string, content: string): Promise<void>;
  /** Content of one file of a container's filesystem; null when it does not exist. */
  readFile(id: string, path: string): Promise<string | null>;
  /** Processes running in a container (pid and command line). */
  processes(id: string): Promise<Array<{ pid: number; command: string }>>;
  /** IPv4 address of a container on a network it shares with `peerId`; null when they share none. */
  addressBeside(id: string, peerId: string): Promise<string | null>;

  // --- start-first behind a router reprise does not own (issue 17; compose only) ---
  /**
   * Creates and starts the new version's container of a service beside its running one (`oldId`), from that
   * container's configuration with image `reference`, known by every name of the old one but the service's
   * (nothing finds it by that name before it passed the gate). Returns its id.
   */
  startTwin?(oldId: string, service: string, reference: string, tags: Record<string, string>): Promise<string>;
  /** Why a twin of `oldId` would differ from what compose creates for the new version (null: it would not). */
  twinObstacle?(oldId: string, service: string, tags: Record<string, string>, oldTags: Record<string, string>): Promise<'compose_changed' | 'more_than_image' | null>;
  /** The twin joins the service's name (Docker's DNS) on each of its networks. */
  joinServiceName?(twinId: string, oldId: string, service: string): Promise<void>;
  /** The twin takes the old container's name; the old one is renamed aside. */
  takeName?(twinId: string, oldId: string): Promise<void>;
  /** Renames a container. */
  renameContainer?(id: string, name: string): Promise<void>;

  // --- the gate runs the container's own healthcheck at its own pace (issue 17) ---
  /** The container's Docker healthcheck (Docker's defaults filled in); null without one, when gone, or not on this node (Swarm). */
  healthcheck(containerId: string): Promise<HealthcheckDefinition | null>;
  /**
   * Runs the healthcheck's command once in the container (Engine API exec, as Docker runs it), at most
   * `timeoutMs` (beyond it: a failure, exit code -1); null when the container cannot run it now (stopped,
   * gone, not on this node) or `signal` gave it up.
   */
  runHealthcheck(containerId: string, check: HealthcheckDefinition, timeoutMs: number, signal?: AbortSignal): Promise<HealthcheckRun | null>;
}
