// EngineReads: what runs (containers, or Swarm tasks standing for them), the images there are, and what the
// engine declares. Reads never change anything.
import type { ServiceContainer } from '../domain/containers';

export type { HealthStatus, ServiceContainer } from '../domain/containers';

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

export interface ContainerStats {
  /** docker-CLI style: may exceed 100 on several CPUs */
  cpuPercent: number;
  /** usage without page cache, over the limit (the host's memory when unlimited) */
  memoryPercent: number;
  memoryBytes: number;
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

export interface EngineReads {
  readonly name: string;
  /** Containers of the project (running or not), one-off containers excluded. */
  containers(): Promise<ServiceContainer[]>;
  container(id: string): Promise<ServiceContainer | null>;
  /** Local images of the given repositories. */
  images(repositories: string[]): Promise<LocalImage[]>;
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
  /** Service → what the engine declares it runs (Swarm's service specs); null when the engine has no such notion (compose). */
  declared(): Promise<Map<string, DeclaredService> | null>;
}
