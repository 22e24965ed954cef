// Read-only operations: versions, history, status.
import { probeHttp } from '../adapters/probe/http-probe';
import { tagOf } from '../domain/plan';
import type { HistoryEvent, JournalEntry, LockHolder, Release } from '../domain/types';
import { projectVersions, type ElsewhereSummary, type OwnedVersion } from '../release/resolve/project-versions';
import { isHolderDead } from '../adapters/store';
import type { OpContext } from '../release/context';
import { interruptedOperation } from '../release/guard';
import { resolveState } from '../release/resolve/resolve';
import { environmentNames, environmentStates, type EnvironmentState } from '../release/resolve/environments';
import { serviceContainer } from '../engines/service-container';
import { healthNow } from '../release/verify/health-now';

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
  const { own, elsewhere } = await projectVersions(ctx, s);
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

export interface HistoryResult {
  ok: true;
  project: string;
  releases: Array<Release & { incident: string | null }>;
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
    releases: ctx.store.listReleases(ctx.project.name, { limit }).map((r) => ({ ...r, incident: incidents.get(r.id) ?? null })),
    events: events.slice(0, limit),
  };
}

export interface ServiceStatus {
  name: string;
  versioned: boolean;
  oneShot: boolean;
  container: string | null;
  image: string | null;
  version: string | null;
  state: string;
  health: string | null;
  exitCode: number | null;
  probe: { url: string; ok: boolean; status: number | null; latencyMs: number; reason: string | null } | null;
  expected: string | null;
  drift: boolean;
}

export interface StatusResult {
  ok: true;
  project: string;
  environment: string | null;
  engine: string;
  version: string | null;
  mixed: boolean;
  previous: string | null;
  lastDeployed: string | null;
  services: ServiceStatus[];
  lock: (LockHolder & { stale: boolean }) | null;
  interrupted: JournalEntry | null;
  /** the last notification sent, with each delivery's result */
  lastNotification: { at: string; message: string; details: Record<string, unknown> } | null;
}

export async function status(ctx: OpContext): Promise<StatusResult> {
  const s = await resolveState(ctx);
  const services: ServiceStatus[] = [];
  const names = [...ctx.project.compose.services.keys()];
  // Docker's `starting` right after a release: the healthcheck run now decides (health-now.ts)
  const chosen = await Promise.all(
    names.map((name) => {
      const c = serviceContainer(s.containers, name, ctx.project.versioned.find((x) => x.name === name)?.oneShot ?? false);
      return c ? healthNow(ctx.engine, c) : null;
    }),
  );
  const probes = await Promise.all(
    names.map(async (name) => {
      const v = ctx.project.versioned.find((x) => x.name === name);
      return v?.healthUrl ? probeHttp(v.healthUrl, 3000) : null;
    }),
  );
  names.forEach((name, i) => {
    const v = ctx.project.versioned.find((x) => x.name === name) ?? null;
    const c = chosen[i];
    const version = c && v ? tagOf(c.image, v.repository) : null;
    const expected = v ? s.lastDeployed : null;
    services.push({
      name,
      versioned: Boolean(v),
      oneShot: v?.oneShot ?? false,
      container: c?.name ?? null,
      image: c?.image ?? null,
      version,
      state: c?.state ?? 'absent',
      health: c?.health ?? null,
      exitCode: c?.exitCode ?? null,
      probe: probes[i],
      expected,
      drift: Boolean(v && expected && version !== expected),
    });
  });
  const lock = ctx.store.getLock(ctx.project.name);
  return {
    ok: true,
    project: ctx.project.name,
    environment: ctx.project.environment,
    engine: ctx.engine.name,
    version: s.current,
    mixed: s.mixed,
    previous: s.previous,
    lastDeployed: s.lastDeployed,
    services,
    lock: lock ? { ...lock, stale: isHolderDead(lock, ctx.host) } : null,
    interrupted: interruptedOperation(ctx),
    lastNotification: (() => {
      const e = ctx.store.listEvents(ctx.project.name, { limit: 100 }).find((x) => x.type === 'notification');
      return e ? { at: e.at, message: e.message, details: e.details } : null;
    })(),
  };
}
