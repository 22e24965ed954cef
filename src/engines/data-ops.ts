// DataOps: what a data snapshot asks of the engine (issue 22): a command run in a stateful service's container
// (pg_dump), its standard output streamed into a private file.
import type { ExecToFileResult } from '../adapters/docker/exec-to-file';
import type { VolumeMount } from '../adapters/docker/volume-archive';

export type { ExecToFileResult } from '../adapters/docker/exec-to-file';
export type { VolumeMount } from '../adapters/docker/volume-archive';

/** What a command run in a container gave: its exit code (null: it did not end in time), its output's start. */
export interface InContainerResult {
  exitCode: number | null;
  /** stdout and stderr as they came (4 KiB) */
  output: string;
  /** stdout alone (4 KiB) */
  stdout: string;
}

export interface DataOps {
  /** Runs `cmd` in the container; its standard output goes to a new 0600 `file` (never through a link). */
  dumpToFile(containerId: string, cmd: string[], file: string, timeoutMs: number): Promise<ExecToFileResult>;
  /**
   * Streams `file` into the container as /tmp/reprise-restore.dump (mode 0600, owned by `owner`: the user the
   * container's commands run as), then runs `cmd` there; its exit code and output's start.
   */
  restoreFromFile(containerId: string, file: string, cmd: string[], owner: { uid: number; gid: number }, timeoutMs: number): Promise<InContainerResult>;
  /** Runs `cmd` in the container with `env` (NAME=value) set for it alone; its exit code and output's start (4 KiB). */
  readInContainer(containerId: string, cmd: string[], env: string[], timeoutMs: number): Promise<InContainerResult>;
  /** The file at `path` in the container into a new 0600 `file` (never through a link); its size and SHA-256. */
  copyFileFromContainer(containerId: string, path: string, file: string, timeoutMs: number): Promise<{ bytes: number; sha256: string }>;
  /** `file` into the container as `destination` (mode 0600, owned by uid:gid). */
  copyFileToContainer(containerId: string, file: string, destination: string, owner: { uid: number; gid: number }, timeoutMs: number): Promise<void>;
  /** The named volumes mounted in the container, by mount path. */
  volumeMounts(containerId: string): Promise<VolumeMount[]>;
  /** The volumes into a new 0600 `file` (one tar, entries under their full mount path), the container paused meanwhile. */
  snapshotVolumes(containerId: string, mounts: VolumeMount[], file: string, timeoutMs: number): Promise<{ bytes: number; sha256: string }>;
  /** The volumes emptied and filled from `file`, the container stopped meanwhile and started again. */
  restoreVolumes(containerId: string, mounts: VolumeMount[], file: string, timeoutMs: number): Promise<void>;
  /** Starts a stopped container (already running: nothing to do). */
  startContainer(containerId: string): Promise<void>;
}

/** where restoreFromFile puts the archive in the container */
export const RESTORE_PATH = '/tmp/reprise-restore.dump';
