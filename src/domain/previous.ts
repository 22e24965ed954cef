// Pure: which version a rollback without argument goes to (SPEC §3), from the release history only.
import type { Release } from './types';

/**
 * The newest version other than `current` whose latest release succeeded and that was not rolled back
 * away from afterwards. `releases` newest first.
 */
export function previousGoodVersion(releases: Release[], current: string | null): string | null {
  const latestOutcome = new Map<string, Release>();
  const rolledBackFrom = new Map<string, number>(); // version -> id of the newest successful rollback away from it
  for (const r of releases) {
    if (r.outcome === 'running' || r.outcome === 'cancelled') continue;
    if (!latestOutcome.has(r.version)) latestOutcome.set(r.version, r);
    if (r.kind !== 'deploy' && r.outcome === 'success' && r.fromVersion && !rolledBackFrom.has(r.fromVersion)) {
      rolledBackFrom.set(r.fromVersion, r.id);
    }
  }
  // Walk releases newest first: the first qualifying version is the newest.
  const seen = new Set<string>();
  for (const r of releases) {
    if (seen.has(r.version)) continue;
    const latest = latestOutcome.get(r.version);
    if (!latest) continue;
    seen.add(r.version);
    if (r.version === current) continue;
    if (latest.outcome !== 'success') continue;
    const away = rolledBackFrom.get(r.version);
    if (away !== undefined && away > latest.id) continue;
    return r.version;
  }
  return null;
}

/** Version reprise last put in place successfully (what should be running). */
export function lastDeployedVersion(releases: Release[]): string | null {
  for (const r of releases) if (r.outcome === 'success') return r.version;
  return null;
}
