// `--timeout` of deploy and promote: a duration, and it overrides the file, per-service timeouts included.
import { RepriseError } from '../../domain/errors';
import { parseDuration } from '../../domain/duration';
import type { Project } from '../../config/project';

/** The flag's value in milliseconds, null when absent; a USAGE error when it is not a duration. */
export function timeoutFlag(value: string | undefined): number | null {
  const timeoutMs = value !== undefined ? parseDuration(value) : null;
  if (value !== undefined && timeoutMs === null) {
    throw new RepriseError('USAGE', 'usageDuration', { flag: '--timeout', value });
  }
  return timeoutMs;
}

export function overrideHealthTimeout(project: Project, timeoutMs: number | null): void {
  if (timeoutMs === null) return;
  // the flag overrides the file, per-service timeouts included (SPEC §7)
  project.health.timeoutMs = timeoutMs;
  for (const s of project.versioned) s.healthTimeoutMs = timeoutMs;
}
