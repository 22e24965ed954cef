// Pure: the catalogue of versions from local images and the release history.
import type { Release, ReleaseOutcome, VersionedService } from './types';

export interface ImageTag {
  repository: string;
  tag: string;
  created: string;
}

export interface VersionInfo {
  version: string;
  complete: boolean;
  missing: string[]; // services without an image for this version
  created: string | null;
  lastDeployed: string | null;
  lastOutcome: ReleaseOutcome | null;
  current: boolean;
  previous: boolean;
  /**
   * where each service's image is (issue 21; only when a versioned repository names a registry): `local`,
   * `registry` (pulled before the release), `missing`; with what a release of the version ran and whether
   * its tag moved since
   */
  images?: Record<string, { where: 'local' | 'registry' | 'missing'; imageId: string | null; repoDigest: string | null; moved: boolean }>;
}

export function versionCatalogue(
  services: VersionedService[],
  images: ImageTag[],
  releases: Release[],
  current: string | null,
  previous: string | null,
): VersionInfo[] {
  const byVersion = new Map<string, Map<string, string>>(); // version -> repository -> created
  for (const img of images) {
    let m = byVersion.get(img.tag);
    if (!m) byVersion.set(img.tag, (m = new Map()));
    m.set(img.repository, img.created);
  }
  for (const r of releases) if (!byVersion.has(r.version)) byVersion.set(r.version, new Map());
  const out: VersionInfo[] = [];
  for (const [version, repos] of byVersion) {
    const missing = services.filter((s) => !repos.has(s.repository)).map((s) => s.name);
    const created = [...repos.values()].sort().pop() ?? null;
    const last = releases.find((r) => r.version === version && r.outcome !== 'cancelled') ?? null;
    const lastDeployed = releases.find((r) => r.version === version && r.outcome === 'success')?.finishedAt ?? null;
    out.push({
      version,
      complete: missing.length === 0,
      missing,
      created,
      lastDeployed,
      lastOutcome: last?.outcome ?? null,
      current: version === current,
      previous: version === previous,
    });
  }
  out.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? '') || b.version.localeCompare(a.version));
  return out;
}

/** Newest complete version other than `exclude`, by image creation time (fallback when there is no history). */
export function newestCompleteOtherThan(catalogue: VersionInfo[], exclude: string | null): string | null {
  return catalogue.find((v) => v.complete && v.version !== exclude && v.version !== 'latest')?.version ?? null;
}
