// EngineApply: the changes a release makes to the stack (and prune's removal of images), and the engine's
// own rollout of a change when it does one.

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

export interface EngineApply {
  /** Checks that the engine can apply changes (e.g. compose is installed); throws a RepriseError otherwise. */
  prepare(): Promise<void>;
  /** (Re)creates the given services with the given tags, dependencies untouched. */
  apply(req: ApplyRequest): Promise<void>;
  build(services: string[], tags: Record<string, string>): Promise<void>;
  pull(services: string[], tags: Record<string, string>): Promise<void>;
  /** The engine's own rollout of a service towards `image` (compose has none: always done). */
  rollout(service: string, image: string): Promise<RolloutState>;
  /**
   * Starts one more container of each service beside its running one (start-first), with the given tags,
   * dependencies untouched, the running containers left as they are; returns service → new container id,
   * and the error when compose failed (the containers it did create are listed all the same).
   */
  startBeside(req: ApplyRequest): Promise<{ created: Record<string, string>; error: Error | null }>;
  /** Removes one `repository:tag` reference, never forced: an image with other tags is only untagged. */
  removeImage(reference: string): Promise<ImageRemoval>;
}
