// Checks made before anything changes: the target version exists and is complete.
import { RepriseError } from '../../domain/errors';
import type { ResolvedState } from './resolve';
import type { Project } from '../../config/project';

export function availableVersions(state: ResolvedState): string[] {
  return state.catalogue.filter((v) => v.complete).map((v) => v.version);
}

export function assertComplete(project: Project, state: ResolvedState, version: string): void {
  const info = state.catalogue.find((v) => v.version === version);
  const available = availableVersions(state);
  if (!info || info.missing.length === project.versioned.length) {
    throw new RepriseError('VERSION_NOT_FOUND', 'versionNotFound', { version, available: available.length ? available.join(', ') : '-' }, { version, available });
  }
  if (!info.complete) {
    const missing = info.missing.map((s) => `${project.versioned.find((v) => v.name === s)!.repository}:${version}`);
    throw new RepriseError('VERSION_INCOMPLETE', 'versionIncomplete', { version, missing: missing.join(', ') }, { version, missing, services: info.missing });
  }
}
