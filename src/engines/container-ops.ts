// ContainerOps: what a release does to single containers (start-first beside a proxy, issue 6; the twin
// behind a router reprise does not own, issue 17) and the gate's own runs of a container's healthcheck.
import type { HealthcheckDefinition, HealthcheckRun } from '../domain/healthcheck';

export interface ContainerOps {
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

/** Start-first behind a router reprise does not own (issue 17; compose only): absent on other engines. */
export interface TwinOps {
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
}
