// Plain data shared across layers. No I/O here.

/** A release is one recorded attempt to put a version in place. */
export type ReleaseKind = 'deploy' | 'rollback' | 'emergency';
export type ReleaseTrigger = 'manual' | 'auto' | 'emergency' | 'dashboard';
export type ReleaseOutcome = 'running' | 'success' | 'failed' | 'rolled_back' | 'cancelled' | 'interrupted';

export interface Release {
  id: number;
  project: string;
  kind: ReleaseKind;
  trigger: ReleaseTrigger;
  version: string;
  fromVersion: string | null;
  outcome: ReleaseOutcome;
  startedAt: string; // UTC ISO-8601
  finishedAt: string | null;
  durationSeconds: number | null;
  user: string;
  host: string;
  message: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** per-service seconds spent putting the service in place */
  services: Record<string, number>;
}

/** What a release ran for one service (recorded after it succeeded). */
export interface ReleaseImage {
  releaseId: number;
  service: string;
  /** the reference compose ran, e.g. ghcr.io/org/api:abc1234 */
  image: string;
  /** the image ID (sha256:…): what runs, whatever the tag points at later */
  imageId: string;
  /** repository@sha256:… of the registry it came from or was pushed to; null for an image only built here */
  repoDigest: string | null;
}

/** A data snapshot taken before a release (issue 22). */
export interface DataSnapshot {
  id: number;
  project: string;
  /** the release it was taken for (null until its row exists, or when taken by hand) */
  releaseId: number | null;
  service: string;
  /** postgres */
  kind: string;
  /** the version the release went to */
  version: string;
  fromVersion: string | null;
  createdAt: string;
  bytes: number;
  sha256: string;
  /** the file, relative to the project directory (backups/…) */
  path: string;
}

export type NewDataSnapshot = Omit<DataSnapshot, 'id' | 'releaseId' | 'fromVersion'> & { releaseId?: number | null; fromVersion?: string | null };

export interface NewRelease {
  project: string;
  kind: ReleaseKind;
  trigger: ReleaseTrigger;
  version: string;
  fromVersion: string | null;
  startedAt: string;
  user: string;
  host: string;
  message: string | null;
}

export interface ReleaseFinish {
  outcome: Exclude<ReleaseOutcome, 'running'>;
  finishedAt: string;
  durationSeconds: number;
  services: Record<string, number>;
  errorCode?: string | null;
  errorMessage?: string | null;
}

export interface HistoryEvent {
  id: number;
  project: string;
  at: string;
  type: string; // e.g. lock_taken_over, interrupted_operation, auto_rollback
  releaseId: number | null;
  message: string;
  details: Record<string, unknown>;
}

export interface LockHolder {
  project: string;
  pid: number | null; // null for a manual lock (`reprise lock acquire`)
  host: string;
  user: string;
  command: string;
  message: string | null;
  since: string;
  /** process start time (from /proc/<pid>/stat), to tell a reused pid from the holder */
  pidStart: string | null;
  /** the holder machine's boot (/proc/sys/kernel/random/boot_id): a holder of an earlier boot is gone */
  bootId?: string | null;
  /** the holder's pid namespace (/proc/self/ns/pid): from another one, its pid cannot be checked here */
  pidNs?: string | null;
}

/** Journal entry written before any change; cleared when the operation ends. */
export interface JournalEntry {
  project: string;
  releaseId: number;
  kind: ReleaseKind;
  version: string;
  fromVersion: string | null;
  /** the services planned to change, in order, and those already changed */
  planned: string[];
  done: string[];
  step: string;
  pid: number;
  host: string;
  startedAt: string;
  updatedAt: string;
}

/** Versioned service as found in the compose file(s). */
export interface VersionedService {
  name: string;
  repository: string; // e.g. recyclic-api
  tagVariable: string; // e.g. API_IMAGE_TAG
  imageTemplate: string; // e.g. recyclic-api:${API_IMAGE_TAG:-latest}
  dependsOn: string[];
  oneShot: boolean; // restart: "no" and expected to exit 0 (e.g. migrations)
  healthUrl: string | null;
  healthTimeoutMs: number | null;
}

export interface SystemMetrics {
  cpu_usage_percent: number;
  memory_usage_percent: number;
  disk_usage_percent: number;
  docker_containers_running: number;
  docker_images_count: number;
}

export type MetricsEvent =
  | 'rollback_success'
  | 'rollback_failed'
  | 'rollback_cancelled'
  | 'auto_rollback_success'
  | 'auto_rollback_failed'
  | 'emergency_rollback_success'
  | 'emergency_rollback_failed';

export interface MetricsEntry {
  timestamp: string;
  event: MetricsEvent;
  version: string;
  duration_seconds: number;
  status: 'success' | 'failed' | 'cancelled';
  hostname: string;
  user: string;
  system_metrics: SystemMetrics;
  performance: { rollback_speed: 'fast' | 'normal' | 'slow'; efficiency_score: number };
  from_version: string | null;
  trigger: 'manual' | 'auto' | 'emergency';
  /** where a manual rollback was asked from, when not the command line */
  source?: 'dashboard';
  services: Record<string, number>;
  project?: string;
  environment?: string;
  error?: { code: string; message: string };
  /** rollback --restore-data (issue 22): the data snapshot restored after the code went back, or why it was not */
  data_restored?: DataRestoreRecord[];
}

/** What a `--restore-data` did to the data: in the metrics entry, the incident report and the JSON result. */
export interface DataRestoreRecord {
  ok: boolean;
  service: string;
  snapshot: number;
  /** when the snapshot was taken: every write since then is gone (ok) */
  lost_since: string;
  /** the safety snapshot of the data as it was just before (backups/ path), when it was taken */
  safety: string | null;
  error?: string;
}
