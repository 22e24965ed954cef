// Docker Engine API version negotiation (pure): which version reprise speaks to a daemon, from the daemon's
// unversioned `GET /version` (ApiVersion, MinAPIVersion) and DOCKER_API_VERSION.
//
// Request shapes audited between API 1.41 (Debian 12's dockerd 20.10) and 1.51 (docker.io 28.5), against
// moby's api/docs/CHANGELOG.md ("Engine API version history", versions 1.42 to 1.52). What reprise sends and reads:
// - GET /containers/json (Id, Names, Image, ImageID, State, Status, Labels, Created; label filter): only
//   additions (annotations 1.46, ImageManifestDescriptor and per-network GwPriority 1.48). Unchanged.
// - GET /containers/{id}/json (Id, Name, Image, RestartCount, Created, Config.Image/Labels/Env, State.*,
//   NetworkSettings.Networks[].NetworkID/IPAddress): 1.44 deprecates top-level NetworkSettings fields
//   (HairpinMode, LinkLocalIPv6*, Secondary*), 1.45 changes Networks[].Aliases, 1.51 deprecates
//   NetworkSettings.Bridge, 1.52 removes the top-level IPAddress, Gateway, MacAddress... reprise reads only
//   the per-network map (container-ops addressBeside, health-gate), never the top-level ones nor Aliases.
// - GET /images/json (Id, RepoTags, Created, Size; reference filter): 1.43 gives untagged images an empty
//   RepoTags instead of "<none>:<none>" (both are skipped: `?? []`, the "<none>" tag and a missing ":" are
//   ignored); 1.44 drops VirtualSize (reprise reads Size, present in every version); 1.51 fills Containers
//   (not read).
// - GET /images/{name}/json (Id, RootFS.Layers): 1.44 omits an empty Created, 1.45 removes Container and
//   ContainerConfig, 1.50/1.52 omit empty Config fields; none of them is read. GET /images/{name}/history
//   (Size) and DELETE /images/{name}?force=0&noprune=0 (Untagged, Deleted): only new optional parameters
//   (platform 1.48, platforms 1.50).
// - GET /info (ContainersRunning, Images, DockerRootDir, NCPU, MemTotal, Warnings, Swarm.LocalNodeState,
//   ControlAvailable, Nodes, Managers, NodeID): 1.48-1.50 omit BridgeNf*, *Commit.Expected and
//   RegistryConfig.AllowNondistributable*, 1.52 KernelMemoryTCP; none of them is read.
// - GET /containers/{id}/stats?stream=false (cpu_stats, precpu_stats, memory_stats): unchanged (1.52 adds
//   os_type); the cgroup v1/v2 difference of memory_stats.stats is a host matter, already handled in stats.ts.
// - GET /services, /services/{id}, /tasks, /tasks/{id}, /nodes (the fields of SwarmServiceDoc, SwarmTaskDoc
//   and doctor's node rows): only additions (Seccomp/AppArmor 1.44, OomScoreAdj 1.46, SwapBytes 1.52).
// - logs (containers and tasks; framing detected from the bytes, not from the 1.42 Content-Type), archive
//   GET/PUT, top, kill, stop (1.42 adds an optional `signal`), DELETE /containers/{id}?v=1: unchanged.
// - GET /version (Version, ApiVersion, MinAPIVersion, Os, Arch): unchanged.
// Result: nothing reprise sends or reads differs between 1.41 and 1.51 (nor in 1.52, reachable only through
// DOCKER_API_VERSION), so no request or reader changed with the negotiation; only the path prefix did.

/** The newest API version reprise is written for and tested against (Debian's docker.io 28.5). */
export const CLIENT_MAX_API = '1.51';
/** The oldest API version whose request shapes reprise uses (Debian 12's dockerd 20.10). */
export const CLIENT_MIN_API = '1.41';
/** A daemon whose /version has no MinAPIVersion (before API 1.21) accepts every version from 1.12. */
export const DEFAULT_DAEMON_MIN_API = '1.12';
/** A daemon whose /version has no ApiVersion: the docker CLI's fallback. */
export const DEFAULT_DAEMON_MAX_API = '1.24';

const SHAPE = /^\d+\.\d+$/;

export interface DaemonVersion {
  ApiVersion?: string;
  MinAPIVersion?: string;
}

export interface ApiRange {
  max: string;
  min: string;
}

export type ApiVersionSource = 'negotiated' | 'DOCKER_API_VERSION';

interface Ranges {
  daemon: ApiRange;
  client: ApiRange;
  source: ApiVersionSource;
}

export type Negotiation =
  | (Ranges & { ok: true; version: string })
  | (Ranges & { ok: false; reason: 'no-common-version' })
  | (Ranges & { ok: false; reason: 'invalid-override'; value: string });

export function isApiVersion(v: string): boolean {
  return SHAPE.test(v);
}

/** Numeric comparison of "MAJOR.MINOR" versions: '1.9' < '1.41'. Negative, zero or positive. */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** DOCKER_API_VERSION as the docker CLI reads it: an empty value is no override (null). */
export function overrideOf(env: NodeJS.ProcessEnv): string | null {
  return env.DOCKER_API_VERSION || null;
}

/**
 * The version to speak: DOCKER_API_VERSION as is when set (like the docker CLI: no negotiation), else the
 * newest both sides speak, min(daemon max, client max), never below the daemon's minimum.
 */
export function negotiate(daemon: DaemonVersion, override?: string | null): Negotiation {
  const d: ApiRange = {
    max: daemon.ApiVersion && isApiVersion(daemon.ApiVersion) ? daemon.ApiVersion : DEFAULT_DAEMON_MAX_API,
    min: daemon.MinAPIVersion && isApiVersion(daemon.MinAPIVersion) ? daemon.MinAPIVersion : DEFAULT_DAEMON_MIN_API,
  };
  const client: ApiRange = { max: CLIENT_MAX_API, min: CLIENT_MIN_API };
  if (override) {
    const ranges: Ranges = { daemon: d, client, source: 'DOCKER_API_VERSION' };
    return isApiVersion(override) ? { ...ranges, ok: true, version: override } : { ...ranges, ok: false, reason: 'invalid-override', value: override };
  }
  const ranges: Ranges = { daemon: d, client, source: 'negotiated' };
  const disjoint = compareApiVersions(d.max, client.min) < 0 || compareApiVersions(d.min, client.max) > 0 || compareApiVersions(d.min, d.max) > 0;
  if (disjoint) return { ...ranges, ok: false, reason: 'no-common-version' };
  // not disjoint: d.min <= client.max and d.min <= d.max, so the smaller maximum is never below d.min
  return { ...ranges, ok: true, version: compareApiVersions(d.max, client.max) < 0 ? d.max : client.max };
}

/** Docker's 400 for a version below its minimum: "client version 1.41 is too old. Minimum supported API version is 1.44, …" */
export function tooOldMinimum(message: string): { version: string; min: string } | null {
  const m = /client version (\d+\.\d+) is too old\. Minimum supported API version is (\d+\.\d+)/.exec(message);
  return m ? { version: m[1], min: m[2] } : null;
}

/** Docker's 400 for a version above its maximum: "client version 1.51 is too new. Maximum supported API version is 1.41" */
export function tooNewMaximum(message: string): { version: string; max: string } | null {
  const m = /client version (\d+\.\d+) is too new\. Maximum supported API version is (\d+\.\d+)/.exec(message);
  return m ? { version: m[1], max: m[2] } : null;
}
