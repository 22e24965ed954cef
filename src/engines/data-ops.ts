// DataOps: what a data snapshot asks of the engine (issue 22): a command run in a stateful service's container
// (pg_dump), its standard output streamed into a private file.
import type { ExecToFileResult } from '../adapters/docker/exec-to-file';

export type { ExecToFileResult } from '../adapters/docker/exec-to-file';

export interface DataOps {
  /** Runs `cmd` in the container; its standard output goes to a new 0600 `file` (never through a link). */
  dumpToFile(containerId: string, cmd: string[], file: string, timeoutMs: number): Promise<ExecToFileResult>;
}
