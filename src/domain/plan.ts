// Pure planning: which versioned services change, in which order.
import type { ReleaseKind, VersionedService } from './types';

export interface PlanStep {
  service: string;
  fromVersion: string | null;
  version: string;
  oneShot: boolean;
}

export interface Plan {
  kind: ReleaseKind;
  version: string;
  fromVersion: string | null;
  steps: PlanStep[];
  unchanged: string[];
}

/** Dependency order among the given services (dependencies first); stable on ties, cycles broken by file order. */
export function dependencyOrder(services: VersionedService[]): VersionedService[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const out: VersionedService[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: VersionedService): void => {
    const st = state.get(s.name);
    if (st) return; // done, or a cycle: leave it where it is
    state.set(s.name, 'visiting');
    // one-shot dependencies first, so they complete before what needs them
    const deps = s.dependsOn.map((d) => byName.get(d)).filter((d): d is VersionedService => Boolean(d));
    deps.sort((a, b) => Number(b.oneShot) - Number(a.oneShot));
    for (const d of deps) visit(d);
    state.set(s.name, 'done');
    out.push(s);
  };
  for (const s of services) visit(s);
  return out;
}

/** Tag of an image reference if it belongs to the repository, e.g. ("recyclic-api:abc", "recyclic-api") → "abc". */
export function tagOf(image: string, repository: string): string | null {
  const prefix = `${repository}:`;
  if (image.startsWith(prefix)) return image.slice(prefix.length);
  const docker = `docker.io/library/${prefix}`;
  if (image.startsWith(docker)) return image.slice(docker.length);
  return null;
}

export function makePlan(
  kind: ReleaseKind,
  version: string,
  fromVersion: string | null,
  services: VersionedService[],
  running: Map<string, string | null>,
): Plan {
  const steps: PlanStep[] = [];
  const unchanged: string[] = [];
  for (const s of dependencyOrder(services)) {
    const current = running.get(s.name) ?? null;
    if (current === version) unchanged.push(s.name);
    else steps.push({ service: s.name, fromVersion: current, version, oneShot: s.oneShot });
  }
  return { kind, version, fromVersion, steps, unchanged };
}

/** Single version shared by the long-running versioned services; 'mixed' when they differ; null when none runs. */
export function currentVersionOf(services: VersionedService[], running: Map<string, string | null>): { version: string | null; mixed: boolean; versions: string[] } {
  const seen = new Set<string>();
  let any = false;
  for (const s of services) {
    if (s.oneShot) continue;
    const v = running.get(s.name);
    if (v === undefined || v === null) continue;
    any = true;
    seen.add(v);
  }
  const versions = [...seen];
  if (!any) return { version: null, mixed: false, versions };
  if (versions.length === 1) return { version: versions[0], mixed: false, versions };
  return { version: null, mixed: true, versions };
}
