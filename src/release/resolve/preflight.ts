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

/**
 * The state with `version` counted complete when every service's image can be had before the release (a pull
 * by digest or tag, a recorded image named again): a version only in a registry is a valid target (issue 21).
 */
export function withObtainable<S extends ResolvedState>(state: S, version: string, unavailable: string[]): S {
  if (unavailable.length > 0) return state;
  const catalogue = state.catalogue.some((v) => v.version === version)
    ? state.catalogue.map((v) => (v.version === version ? { ...v, complete: true, missing: [] } : v))
    : [...state.catalogue, { version, complete: true, missing: [], created: null, lastDeployed: null, lastOutcome: null, current: false, previous: false }];
  return { ...state, catalogue };
}
