// Step 1 of every operation: what is running, what the history says, which images exist.
import { currentVersionOf, tagOf } from '../../domain/plan';
import { serviceContainer } from '../../domain/containers';
import { lastDeployedVersion, previousGoodVersion } from '../../domain/previous';
import type { Release, VersionedService } from '../../domain/types';
import { versionCatalogue, type VersionInfo } from '../../domain/versions';
import type { DeclaredService, LocalImage, ServiceContainer } from '../../engines/engine';
import type { OpContext } from '../context';

export interface ResolvedState {
  containers: ServiceContainer[];
  /** tag each versioned service runs (null when not running or not from its repository) */
  running: Map<string, string | null>;
  current: string | null;
  mixed: boolean;
  runningVersions: string[];
  releases: Release[];
  previous: string | null;
  lastDeployed: string | null;
  /** every local version of the repositories (whoever built it): what decides whether a version is complete */
  catalogue: VersionInfo[];
  /** the local images of the versioned services' repositories */
  images: LocalImage[];
  /** this project's versions only (project-versions.ts), when an operation needed them */
  ownCatalogue?: VersionInfo[];
}

export async function resolveState(ctx: Pick<OpContext, 'project' | 'engine' | 'store'>): Promise<ResolvedState> {
  const { project, engine, store } = ctx;
  const repos = project.versioned.map((s) => s.repository);
  const [containers, images, declared] = await Promise.all([engine.containers(), engine.images(repos), engine.declared()]);
  const running = runningTags(project.versioned, containers, declared);
  const cur = currentVersionOf(project.versioned, running);
  const releases = store.listReleases(project.name);
  const previous = previousGoodVersion(releases, cur.version);
  const catalogue = versionCatalogue(project.versioned, images, releases, cur.version, previous);
  return {
    containers,
    running,
    current: cur.version,
    mixed: cur.mixed,
    runningVersions: cur.versions,
    releases,
    previous,
    lastDeployed: lastDeployedVersion(releases),
    catalogue,
    images,
  };
}

/**
 * The tag each versioned service runs, from its containers: a long-running service counts only while
 * running (or restarting); a one-shot unless its last run failed (exit code other than 0). Null otherwise,
 * or when the image is not from the service's repository.
 * With an engine that declares what each service runs (Swarm: the service spec), the spec's image counts
 * for a long-running service with replicas (what Swarm keeps running, or brings back); a one-shot still
 * needs its last run not to have failed.
 */
export function runningTags(versioned: VersionedService[], containers: ServiceContainer[], declared: Map<string, DeclaredService> | null = null): Map<string, string | null> {
  const running = new Map<string, string | null>();
  for (const svc of versioned) {
    const picked = serviceContainer(containers, svc.name, svc.oneShot);
    if (declared) {
      const d = declared.get(svc.name);
      const failed = svc.oneShot && picked !== null && (picked.state === 'exited' || picked.state === 'dead') && picked.exitCode !== 0;
      running.set(svc.name, d && d.replicas !== 0 && !failed ? tagOf(d.image, svc.repository) : null);
      continue;
    }
    const c = svc.oneShot || picked?.state === 'running' || picked?.state === 'restarting' ? picked : null;
    if (svc.oneShot && c && c.state === 'exited' && c.exitCode !== 0) {
      running.set(svc.name, null);
      continue;
    }
    running.set(svc.name, c ? tagOf(c.image, svc.repository) : null);
  }
  return running;
}

export function tagsFor(project: OpContext['project'], version: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const s of project.versioned) tags[s.tagVariable] = version;
  return tags;
}
