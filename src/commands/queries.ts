// Read-only operations: versions, history, status.
import type { HistoryEvent, Release, ReleaseImage } from '../domain/types';
import { projectVersions, type ElsewhereSummary, type OwnedVersion } from '../release/resolve/project-versions';
import { splitRepository } from '../domain/image-ref';
import type { OpContext } from '../release/context';
import { resolveState } from '../release/resolve/resolve';
import { environmentNames, environmentStates, type EnvironmentState } from '../release/resolve/environments';

export interface VersionsResult {
  ok: true;
  project: string;
  environment: string | null;
  current: string | null;
  previous: string | null;
  mixed: boolean;
  /**
   * this project's versions only (see "Versions belong to the project"), each with `origin` (why it is this
   * project's); with `runningIn` / `verifiedIn` (environment names) when the configuration has environments
   */
  versions: Array<OwnedVersion & { runningIn?: string[]; verifiedIn?: string[] }>;
  /** tags of the same repositories that belong to other projects or environments: counted, never listed above */
  elsewhere: ElsewhereSummary;
  /** every environment of the configuration (absent when it has none) */
  environments?: EnvironmentState[];
}

export async function versions(ctx: OpContext): Promise<VersionsResult> {
  const [s, envs] = await Promise.all([resolveState(ctx), environmentNames(ctx.project).length ? environmentStates(ctx) : Promise.resolve(null)]);
  const { own: local, elsewhere } = await projectVersions(ctx, s);
  const own = await withRegistry(ctx, local);
  const base = { ok: true as const, project: ctx.project.name, environment: ctx.project.environment, current: s.current, previous: s.previous, mixed: s.mixed, elsewhere };
  if (!envs) return { ...base, versions: own };
  const label = (e: EnvironmentState): string => e.environment ?? e.project;
  return {
    ...base,
    versions: own.map((v) => ({
      ...v,
      runningIn: envs.filter((e) => e.runningVersions.includes(v.version)).map(label),
      verifiedIn: envs.filter((e) => e.verified.includes(v.version)).map(label),
    })),
    environments: envs,
  };
}

/**
 * The versions with where each service's image is (issue 21) when a versioned repository names a registry:
 * local, only in the registry, or missing; the ones only the registry has are added (a valid rollback target).
 */
async function withRegistry(ctx: OpContext, own: OwnedVersion[]): Promise<OwnedVersion[]> {
  if (!ctx.project.versioned.some((v) => splitRepository(v.repository).registry !== null)) return own;
  const { whereabouts } = await import('../release/resolve/image-whereabouts');
  const w = await whereabouts(ctx, own.map((v) => v.version));
  const withImages = (v: OwnedVersion): OwnedVersion => {
    const images = w.images.get(v.version);
    if (!images) return v;
    const missing = Object.entries(images).filter(([, i]) => i.where === 'missing').map(([service]) => service);
    return { ...v, images, missing, complete: missing.length === 0 };
  };
  const listed = new Set(own.map((v) => v.version));
  const onlyThere = [...w.registryOnly]
    .filter((v) => !listed.has(v))
    .sort((a, b) => b.localeCompare(a))
    .map((version): OwnedVersion => ({ version, complete: true, missing: [], created: null, lastDeployed: null, lastOutcome: null, current: false, previous: false, origin: ['registry'] }));
  return [...own, ...onlyThere].map(withImages);
}

export interface HistoryResult {
  ok: true;
  project: string;
  releases: Array<Release & { incident: string | null; images: Array<Omit<ReleaseImage, 'releaseId'>> }>;
  events: HistoryEvent[];
}

export function history(ctx: Pick<OpContext, 'store' | 'project'>, limit: number): HistoryResult {
  const events = ctx.store.listEvents(ctx.project.name, { limit: Math.max(limit * 4, 50) });
  const incidents = new Map<number, string>();
  for (const e of events) {
    if (e.type !== 'incident') continue;
    // every release the incident covers (details.releases); older events name their one release only
    const covered = Array.isArray(e.details.releases) ? e.details.releases.filter((x): x is number => typeof x === 'number') : e.releaseId !== null ? [e.releaseId] : [];
    for (const id of covered) if (!incidents.has(id)) incidents.set(id, e.message);
  }
  return {
    ok: true,
    project: ctx.project.name,
    // what each release ran: image, image ID and repository digest per service (issue 21; empty when not recorded)
    releases: ctx.store.listReleases(ctx.project.name, { limit }).map((r) => ({ ...r, incident: incidents.get(r.id) ?? null, images: ctx.store.releaseImages(r.id).map(({ releaseId: _, ...i }) => i) })),
    events: events.slice(0, limit),
  };
}

export { status, type ServiceStatus, type StatusResult } from '../release/resolve/status';
