// Pure judgements of `reprise doctor` (seed §9.1): each turns facts already gathered into a check
// status, a finding and its fix (message keys, translated by the caller). No I/O here.
import type { Params } from '../domain/errors';
import { t, type Lang, type MessageKey } from '../domain/messages';
import { interpolate } from '../domain/interpolate';
import { tagOf } from '../domain/plan';
import type { LockHolder, VersionedService } from '../domain/types';
import type { VersionInfo } from '../domain/versions';
import type { EnvRollbackTarget } from '../domain/env-rollback';
import type { ComposeService } from '../engines/compose/compose-file';
import type { ServiceContainer } from '../engines/engine';
import { serviceContainer } from '../engines/service-container';
import { fixedHostPort } from '../domain/strategy';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export type DoctorCheckId =
  | 'config'
  | 'engine'
  | 'remote_engine'
  | 'compose'
  | 'services'
  | 'stats'
  | 'versions'
  | 'drift'
  | 'env_tags'
  | 'side_by_side'
  | 'swarm'
  | 'env_file'
  | 'env_rollback'
  | 'lock'
  | 'interrupted'
  | 'disk'
  | 'memory';

/** A message to translate: key and parameters. */
export type Msg = [MessageKey, Params];

export interface Judgement {
  status: CheckStatus;
  summary: Msg;
  fix: Msg | null;
  details: Record<string, unknown>;
}

const worst = (a: CheckStatus, b: CheckStatus): CheckStatus => {
  const rank: Record<CheckStatus, number> = { skipped: 0, ok: 1, warn: 2, fail: 3 };
  return rank[b] > rank[a] ? b : a;
};

// ---------------------------------------------------------------------------------------------
// env file permissions
// ---------------------------------------------------------------------------------------------

export interface EnvFileFacts {
  path: string;
  /** st_mode & 0o7777; null when the file does not exist */
  mode: number | null;
  /** names (never values) of the secret-looking variables set in it */
  secretNames: string[];
}

export function modeString(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/**
 * A file holding secrets must be readable by its owner only: world-readable → fail, group-readable →
 * warn. Writable by group or others → fail whatever it holds (anyone there can change the stack's
 * variables, image tags included).
 */
export function judgeEnvFiles(files: EnvFileFacts[]): Judgement {
  const present = files.filter((f) => f.mode !== null);
  if (present.length === 0) return { status: 'ok', summary: ['doctorEnvNone', {}], fix: null, details: { files: [] } };
  let status: CheckStatus = 'ok';
  const exposed: Array<{ path: string; mode: string; who: 'world' | 'group'; writable: boolean; secrets: string[] }> = [];
  const details = present.map((f) => {
    const mode = f.mode!;
    const worldRead = (mode & 0o004) !== 0;
    const groupRead = (mode & 0o040) !== 0;
    const writable = (mode & 0o022) !== 0;
    const secrets = f.secretNames.length > 0;
    let s: CheckStatus = 'ok';
    if (writable) s = 'fail';
    else if (secrets && worldRead) s = 'fail';
    else if (secrets && groupRead) s = 'warn';
    status = worst(status, s);
    if (s !== 'ok') exposed.push({ path: f.path, mode: modeString(mode), who: worldRead || (mode & 0o002) !== 0 ? 'world' : 'group', writable, secrets: f.secretNames });
    return { path: f.path, mode: modeString(mode), readableBy: worldRead ? 'everyone' : groupRead ? 'group' : 'owner', writableByOthers: writable, secrets: f.secretNames, status: s };
  });
  if (status === 'ok') {
    return { status, summary: ['doctorEnvOk', { files: present.map((f) => `${f.path} (${modeString(f.mode!)})`) }], fix: null, details: { files: details } };
  }
  return {
    status,
    summary: [
      'doctorEnvExposed',
      { list: exposed.map((e) => `${e.path} (${e.mode}${e.secrets.length ? `: ${e.secrets.join(', ')}` : ''})`).join('; ') },
    ],
    fix: ['doctorEnvFix', { files: exposed.map((e) => shellQuote(e.path)).join(' ') }],
    details: { files: details },
  };
}

/** Quotes a path for a command the user copies (only when needed). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------
// side by side: can a service run two containers at once (start-first)?
// ---------------------------------------------------------------------------------------------

export { fixedHostPort };

export interface SideBySideBlocker {
  service: string;
  containerName: string | null;
  hostPorts: string[];
  /** container ports of the fixed bindings (for the fix) */
  targets: string[];
}

/** Long-running versioned services that cannot run a second container next to the first one. */
export function sideBySideBlockers(services: ComposeService[], versioned: VersionedService[], lookup: (name: string) => string | undefined): SideBySideBlocker[] {
  const out: SideBySideBlocker[] = [];
  for (const svc of services) {
    const v = versioned.find((x) => x.name === svc.name);
    if (!v || v.oneShot) continue;
    const hostPorts: string[] = [];
    const targets: string[] = [];
    for (const p of svc.ports) {
      const fixed = fixedHostPort(p, lookup);
      if (!fixed) continue;
      hostPorts.push(fixed);
      targets.push(interpolate(p, lookup).split('/')[0].split(':').pop() ?? '');
    }
    const containerName = svc.containerName ? interpolate(svc.containerName, lookup) : null;
    if (containerName || hostPorts.length) out.push({ service: svc.name, containerName, hostPorts, targets });
  }
  return out;
}

/** How each long-running versioned service is released: start-first, or recreate and why (already translated). */
export interface StrategyLine {
  service: string;
  strategy: 'start-first' | 'recreate';
  reason: string | null;
  why: string | null;
}

export function judgeSideBySide(blockers: SideBySideBlocker[], checked: string[], strategies: StrategyLine[] = [], remoteEngine: string | null = null): Judgement {
  const startFirst = strategies.filter((s) => s.strategy === 'start-first').map((s) => s.service);
  const recreate = strategies.filter((s) => s.strategy === 'recreate').map((s) => `${s.service} (${s.why ?? s.reason ?? '-'})`);
  const details = { checked, blockers, strategies: strategies.map(({ service, strategy, reason }) => ({ service, strategy, reason })), remoteEngine };
  // the start-first gate probes the new container's own address: not reachable from here on a remote engine
  if (remoteEngine && startFirst.length) return { status: 'warn', summary: ['doctorSideRemote', { services: startFirst, host: remoteEngine }], fix: ['doctorSideRemoteFix', { services: startFirst }], details };
  if (blockers.length === 0) {
    if (strategies.length) return { status: 'ok', summary: ['doctorSideStrategies', { startFirst: startFirst.length ? startFirst : '-', recreate: recreate.length ? recreate : '-' }], fix: null, details };
    return { status: 'ok', summary: ['doctorSideOk', { services: checked }], fix: null, details };
  }
  const list = blockers
    .map((b) => {
      const why = [...(b.containerName ? [`container_name: ${b.containerName}`] : []), ...b.hostPorts.map((h) => `ports: ${h}`)];
      return `${b.service} (${why.join(', ')})`;
    })
    .join('; ');
  const named = blockers.filter((b) => b.containerName);
  const ported = blockers.filter((b) => b.hostPorts.length);
  const fixes: Msg[] = [];
  if (named.length) fixes.push(['doctorSideFixName', { services: named.map((b) => b.service) }]);
  if (ported.length) fixes.push(['doctorSideFixPort', { services: ported.map((b) => b.service), target: ported[0].targets[0] || '8000' }]);
  return { status: 'warn', summary: ['doctorSideBlocked', { list, strategies: strategies.length ? ` [start-first: ${startFirst.join(', ') || '-'}; recreate: ${recreate.join(', ') || '-'}]` : '' }], fix: fixes.length === 1 ? fixes[0] : ['doctorSideFixBoth', { name: named.map((b) => b.service), port: ported.map((b) => b.service), target: ported[0].targets[0] || '8000' }], details };
}

// ---------------------------------------------------------------------------------------------
// versions
// ---------------------------------------------------------------------------------------------

/**
 * Incomplete versions (some images of the version exist, not all) are a warning; the rollback target
 * (previous good version) or the running version incomplete is a failure: the rollback or the next
 * recreate would be refused. Versions with no image left (pruned, only in the history) are listed
 * in the details only.
 */
/**
 * `catalogue`: this project's versions only; `elsewhere`: the tags of the same repositories that belong to
 * other projects — counted in the details, never judged (so never suggested for removal).
 */
export function judgeVersions(catalogue: VersionInfo[], services: VersionedService[], current: string | null, previous: string | null, elsewhere: { count: number; projects: Array<{ project: string; count: number }> } | null = null): Judgement {
  const all = services.length;
  const image = (v: string, svc: string): string => `${services.find((s) => s.name === svc)?.repository ?? svc}:${v}`;
  const incomplete = catalogue.filter((v) => !v.complete && v.missing.length < all);
  const gone = catalogue.filter((v) => !v.complete && v.missing.length >= all).map((v) => v.version);
  const complete = catalogue.filter((v) => v.complete).map((v) => v.version);
  const critical = catalogue.filter((v) => !v.complete && (v.version === previous || v.version === current));
  const details = {
    complete,
    incomplete: incomplete.map((v) => ({ version: v.version, missing: v.missing, images: v.missing.map((s) => image(v.version, s)) })),
    withoutImages: gone,
    current,
    previous,
    elsewhere: elsewhere ? { count: elsewhere.count, projects: elsewhere.projects } : null,
  };
  if (critical.length) {
    const v = critical[0];
    return {
      status: 'fail',
      summary: [v.version === previous ? 'doctorVersionsTargetIncomplete' : 'doctorVersionsCurrentIncomplete', { version: v.version, missing: v.missing }],
      fix: ['doctorVersionsFix', { images: v.missing.map((s) => image(v.version, s)) }],
      details,
    };
  }
  if (incomplete.length) {
    return {
      status: 'warn',
      summary: ['doctorVersionsIncomplete', { list: incomplete.map((v) => `${v.version} (${v.missing.join(', ')})`).join('; ') }],
      fix: ['doctorVersionsFix', { images: incomplete.flatMap((v) => v.missing.map((s) => image(v.version, s))) }],
      details,
    };
  }
  return { status: 'ok', summary: ['doctorVersionsOk', { count: complete.length, current: current ?? '-', previous: previous ?? '-' }], fix: null, details };
}

// ---------------------------------------------------------------------------------------------
// drift: what runs vs what reprise last deployed
// ---------------------------------------------------------------------------------------------

export function judgeDrift(services: VersionedService[], containers: ServiceContainer[], lastDeployed: string | null): Judgement {
  const running: Array<{ service: string; version: string | null; image: string }> = [];
  for (const s of services) {
    if (s.oneShot) continue;
    const c = serviceContainer(containers, s.name);
    if (!c || (c.state !== 'running' && c.state !== 'restarting')) continue;
    running.push({ service: s.name, version: tagOf(c.image, s.repository), image: c.image });
  }
  if (!lastDeployed) return { status: 'ok', summary: ['doctorDriftNoHistory', {}], fix: null, details: { expected: null, running } };
  const drift = running.filter((r) => r.version !== lastDeployed);
  if (drift.length === 0) return { status: 'ok', summary: ['doctorDriftOk', { version: lastDeployed, count: running.length }], fix: null, details: { expected: lastDeployed, running, drift } };
  return {
    status: 'warn',
    summary: ['doctorDriftFound', { expected: lastDeployed, list: drift.map((d) => `${d.service} → ${d.image}`).join(', ') }],
    fix: ['doctorDriftFix', { expected: lastDeployed }],
    details: { expected: lastDeployed, running, drift },
  };
}

// ---------------------------------------------------------------------------------------------
// env_tags: the tag variables of the env files against what runs (issue 17)
// ---------------------------------------------------------------------------------------------

export interface EnvTagFacts {
  service: string;
  variable: string;
  /** the tag a plain `docker compose up -d` would give the service (env files, shell, compose default) */
  composeTag: string | null;
  /** where that value comes from: an env file (its path), `environment` (the shell), or `default` */
  source: string;
  /** the tag its container runs; null when none runs */
  runningTag: string | null;
}

/**
 * After a release, a plain `docker compose up -d` with the project's files and env files must change nothing:
 * every running versioned service's tag must be the one compose would read. warn otherwise, with the lines to set.
 */
export function judgeEnvTags(facts: EnvTagFacts[], syncOn: boolean): Judgement {
  const running = facts.filter((f) => f.runningTag !== null);
  const differ = running.filter((f) => f.composeTag !== f.runningTag);
  const details = { syncEnvFile: syncOn, services: facts, differ: differ.map((f) => f.service) };
  if (running.length === 0) return { status: 'ok', summary: ['doctorEnvTagsNothing', {}], fix: null, details };
  if (differ.length === 0) return { status: 'ok', summary: ['doctorEnvTagsOk', { count: running.length }], fix: null, details };
  const seen = new Set<string>();
  const lines: string[] = [];
  const shell: string[] = [];
  for (const f of differ) {
    if (seen.has(f.variable)) continue;
    seen.add(f.variable);
    if (f.source === 'environment') shell.push(f.variable);
    lines.push(`${f.variable}=${f.runningTag}${f.source === 'environment' || f.source === 'default' ? '' : ` (${f.source})`}`);
  }
  return {
    status: 'warn',
    summary: ['doctorEnvTagsDiffer', { list: differ.map((f) => `${f.service}: ${f.variable}=${f.composeTag ?? '?'} (${f.source}) ≠ ${f.runningTag}`).join('; ') }],
    fix: [syncOn ? 'doctorEnvTagsFix' : 'doctorEnvTagsFixOff', { lines, shell: shell.length ? shell : '-' }],
    details,
  };
}

// ---------------------------------------------------------------------------------------------
// services (`docker-compose ps`)
// ---------------------------------------------------------------------------------------------

export interface ServiceRow {
  service: string;
  container: string | null;
  image: string | null;
  state: string;
  health: string | null;
  exitCode: number | null;
  oneShot: boolean;
  problem: 'absent' | 'failed' | 'starting' | null;
}

export function serviceRows(compose: ComposeService[], versioned: VersionedService[], containers: ServiceContainer[]): ServiceRow[] {
  return compose.map((svc) => {
    const oneShot = versioned.find((v) => v.name === svc.name)?.oneShot ?? svc.restart === 'no';
    const c = serviceContainer(containers, svc.name, oneShot);
    let problem: ServiceRow['problem'] = null;
    if (!c) problem = 'absent';
    else if (oneShot) {
      if ((c.state === 'exited' || c.state === 'dead') && c.exitCode !== 0) problem = 'failed';
    } else if (c.state !== 'running' || c.health === 'unhealthy') problem = c.state === 'created' ? 'absent' : 'failed';
    else if (c.health === 'starting') problem = 'starting';
    return { service: svc.name, container: c?.name ?? null, image: c?.image ?? null, state: c?.state ?? 'absent', health: c?.health ?? null, exitCode: c?.exitCode ?? null, oneShot, problem };
  });
}

function rowText(r: ServiceRow): string {
  if (r.state === 'absent') return `${r.service}: -`;
  const extra = r.health ? ` (${r.health})` : r.exitCode !== null ? ` (${r.exitCode})` : '';
  return `${r.service}: ${r.state}${extra}`;
}

export function judgeServices(rows: ServiceRow[], project: string): Judgement {
  const details = { project, services: rows };
  if (rows.every((r) => r.state === 'absent')) return { status: 'warn', summary: ['doctorServicesNone', { project }], fix: ['doctorServicesNoneFix', {}], details };
  const failed = rows.filter((r) => r.problem === 'failed');
  if (failed.length) {
    return {
      status: 'fail',
      summary: ['doctorServicesFailed', { list: failed.map(rowText).join(', ') }],
      fix: ['doctorServicesFailedFix', { container: failed[0].container ?? failed[0].service }],
      details,
    };
  }
  const other = rows.filter((r) => r.problem !== null);
  if (other.length) {
    return {
      status: 'warn',
      summary: ['doctorServicesIncomplete', { list: other.map((r) => (r.problem === 'absent' ? `${r.service}: -` : rowText(r))).join(', ') }],
      fix: ['doctorServicesNoneFix', {}],
      details,
    };
  }
  return { status: 'ok', summary: ['doctorServicesOk', { count: rows.length, list: rows.map(rowText).join(', ') }], fix: null, details };
}

// ---------------------------------------------------------------------------------------------
// stats (`docker stats`)
// ---------------------------------------------------------------------------------------------

export interface StatsRow {
  container: string;
  service: string;
  cpuPercent: number;
  memoryPercent: number;
  memoryBytes: number;
}

export function judgeStats(rows: StatsRow[], cpuLimit: number, memLimit: number): Judgement {
  const details = { containers: rows, thresholds: { cpuPercent: cpuLimit, memoryPercent: memLimit } };
  if (rows.length === 0) return { status: 'ok', summary: ['doctorStatsNone', {}], fix: null, details };
  const high = rows.filter((r) => r.cpuPercent > cpuLimit || r.memoryPercent > memLimit);
  if (high.length) {
    return {
      status: 'warn',
      summary: ['doctorStatsHigh', { list: high.map((r) => `${r.service} (${r.container}) CPU ${r.cpuPercent} %, RAM ${r.memoryPercent} %`).join('; '), cpu: cpuLimit, mem: memLimit }],
      fix: ['doctorStatsFix', {}],
      details,
    };
  }
  const cpu = rows.reduce((a, b) => (b.cpuPercent > a.cpuPercent ? b : a));
  const mem = rows.reduce((a, b) => (b.memoryPercent > a.memoryPercent ? b : a));
  return {
    status: 'ok',
    summary: ['doctorStatsOk', { count: rows.length, cpu: cpu.cpuPercent, cpuService: cpu.service, mem: mem.memoryPercent, memService: mem.service, cpuLimit, memLimit }],
    fix: null,
    details,
  };
}

// ---------------------------------------------------------------------------------------------
// disk and memory of the host (`df -h`, `free -h`)
// ---------------------------------------------------------------------------------------------

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export interface DiskFacts {
  /** what this filesystem holds: the project directory or Docker's data root */
  role: 'project' | 'docker';
  path: string;
  totalBytes: number;
  availableBytes: number;
  usedPercent: number;
}

/** From statfs figures, like df: used / (used + available to unprivileged users). */
export function diskFromStatfs(role: DiskFacts['role'], path: string, s: { bsize: number; blocks: number; bfree: number; bavail: number }): DiskFacts {
  const used = s.blocks - s.bfree;
  const denom = used + s.bavail;
  return { role, path, totalBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize, usedPercent: denom > 0 ? Math.round((used / denom) * 1000) / 10 : 0 };
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** fail: ≥ 95 % used or < 500 MiB free; warn: ≥ 85 % used or < 2 GiB free. */
export function diskStatus(d: DiskFacts): CheckStatus {
  if (d.usedPercent >= 95 || d.availableBytes < 500 * MiB) return 'fail';
  if (d.usedPercent >= 85 || d.availableBytes < 2 * GiB) return 'warn';
  return 'ok';
}

export function judgeDisk(lang: Lang, disks: DiskFacts[], unmeasured: Array<{ role: DiskFacts['role']; path: string; reason: string }>): Judgement {
  let status: CheckStatus = unmeasured.length && disks.length === 0 ? 'warn' : 'ok';
  for (const d of disks) status = worst(status, diskStatus(d));
  const list = disks
    .map((d) =>
      t(lang, 'doctorDiskEntry', {
        role: t(lang, d.role === 'docker' ? 'doctorDiskRoleDocker' : 'doctorDiskRoleProject'),
        path: d.path,
        used: d.usedPercent,
        free: formatBytes(d.availableBytes),
        total: formatBytes(d.totalBytes),
      }),
    )
    .join('; ');
  const details = { filesystems: disks.map((d) => ({ ...d, status: diskStatus(d) })), unmeasured };
  if (status === 'ok' || disks.length === 0) return { status, summary: ['doctorDiskOk', { list: list || '-' }], fix: null, details };
  return { status, summary: ['doctorDiskLow', { list }], fix: ['doctorDiskFix', {}], details };
}

export interface MemoryFacts {
  totalBytes: number;
  availableBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

/** From /proc/meminfo (kB values), like `free`; null when it cannot be read. */
export function memoryFromMeminfo(text: string): MemoryFacts | null {
  const field = (name: string): number | null => {
    const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : null;
  };
  const total = field('MemTotal');
  const available = field('MemAvailable');
  if (!total || available === null) return null;
  return { totalBytes: total, availableBytes: available, swapTotalBytes: field('SwapTotal') ?? 0, swapFreeBytes: field('SwapFree') ?? 0 };
}

/** fail: < 5 % or < 128 MiB available; warn: < 15 % or < 512 MiB. */
export function judgeMemory(m: MemoryFacts): Judgement {
  const availPercent = Math.round((m.availableBytes / m.totalBytes) * 1000) / 10;
  const usedPercent = Math.round((100 - availPercent) * 10) / 10;
  let status: CheckStatus = 'ok';
  if (availPercent < 5 || m.availableBytes < 128 * MiB) status = 'fail';
  else if (availPercent < 15 || m.availableBytes < 512 * MiB) status = 'warn';
  const params = {
    available: formatBytes(m.availableBytes),
    total: formatBytes(m.totalBytes),
    used: usedPercent,
    swap: m.swapTotalBytes > 0 ? `${formatBytes(m.swapTotalBytes - m.swapFreeBytes)}/${formatBytes(m.swapTotalBytes)}` : '-',
  };
  const details = { ...m, usedPercent, availablePercent: availPercent };
  if (status === 'ok') return { status, summary: ['doctorMemoryOk', params], fix: null, details };
  return { status, summary: ['doctorMemoryLow', params], fix: ['doctorMemoryFix', {}], details };
}

// ---------------------------------------------------------------------------------------------
// env_rollback: the file of the manual emergency command (seed §4.2), kept by reprise
// ---------------------------------------------------------------------------------------------

export interface EnvRollbackFacts {
  /** its name in the project directory (.env.rollback, .env.rollback-ENV) */
  file: string;
  exists: boolean;
  /** the version its tag variables name (null: absent, or they disagree) */
  names: string | null;
  /** what it should hold after the last successful release; null when nothing was released successfully */
  expected: EnvRollbackTarget | null;
  /** the version of the last successful release */
  current: string | null;
}

/**
 * warn: missing while there is a previous good version (an old script deleted it: the manual emergency
 * command would fail), or naming another version than it should (rewritten by someone else); ok otherwise.
 */
export function judgeEnvRollback(f: EnvRollbackFacts): Judgement {
  const details = { file: f.file, exists: f.exists, names: f.names, expected: f.expected?.version ?? null, previousGood: f.expected?.previous ?? null, current: f.current };
  const fix: Msg = ['doctorEnvRollbackFix', { file: f.file, current: f.current ?? 'VERSION' }];
  if (!f.expected) return { status: 'ok', summary: ['doctorEnvRollbackNothing', { file: f.file }], fix: null, details };
  const version = f.expected.version;
  if (!f.exists) {
    if (f.expected.previous) return { status: 'warn', summary: ['doctorEnvRollbackMissing', { file: f.file, version }], fix, details };
    return { status: 'ok', summary: ['doctorEnvRollbackMissingNoPrevious', { file: f.file, version }], fix: null, details };
  }
  if (f.names !== version) return { status: 'warn', summary: ['doctorEnvRollbackStale', { file: f.file, names: f.names ?? '-', version }], fix, details };
  return { status: 'ok', summary: [f.expected.previous ? 'doctorEnvRollbackOkPrevious' : 'doctorEnvRollbackOkRunning', { file: f.file, version }], fix: null, details };
}

// ---------------------------------------------------------------------------------------------
// lock
// ---------------------------------------------------------------------------------------------

export function judgeLock(h: LockHolder | null, dead: boolean, thisHost: string): Judgement {
  if (!h) return { status: 'ok', summary: ['doctorLockFree', {}], fix: null, details: { holder: null } };
  const params = { holder: h.command, pid: h.pid === null ? 'manual' : String(h.pid), host: h.host, user: h.user, since: h.since, message: h.message ? ` — "${h.message}"` : '' };
  const details = { holder: h, stale: dead };
  if (h.pid === null) return { status: 'warn', summary: ['doctorLockManual', params], fix: ['doctorLockManualFix', {}], details };
  if (dead) return { status: 'warn', summary: ['doctorLockDead', params], fix: ['doctorLockDeadFix', {}], details };
  if (h.host !== thisHost) return { status: 'warn', summary: ['doctorLockOtherHost', params], fix: ['doctorLockOtherHostFix', params], details };
  return { status: 'ok', summary: ['doctorLockLive', params], fix: null, details };
}

// ---------------------------------------------------------------------------------------------
// swarm (engine: swarm)
// ---------------------------------------------------------------------------------------------

export interface SwarmNodeFacts {
  hostname: string;
  role: string;
  state: string;
  availability: string;
}

export interface SwarmFactsForDoctor {
  /** LocalNodeState: active, inactive, pending, error, locked */
  state: string;
  manager: boolean;
  nodes: SwarmNodeFacts[] | null;
  /** the docker client can run `docker stack deploy` */
  cli: boolean;
  cliProgram: string;
  /** the kernel has IPVS (null: unknown, e.g. a remote engine) */
  ipvs: boolean | null;
  /** services of the stack that need IPVS: a virtual IP (endpoint_mode vip) or a port published through the routing mesh */
  needIpvs: string[];
  /** dockerd's DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 (null: unknown) */
  preferOffline: boolean | null;
}

/**
 * Whether this engine can run the stack: an active swarm, a manager, a docker client with `stack`; warns on
 * nodes that are down or drained, on a cluster of several nodes (images are built locally: each node must
 * have them), on a kernel without IPVS while the stack relies on virtual IPs or the routing mesh, and on a
 * daemon that asks a registry for every image before using its own.
 */
export function judgeSwarm(lang: Lang, f: SwarmFactsForDoctor): Judgement {
  const details = { ...f };
  if (f.state !== 'active') return { status: 'fail', summary: ['doctorSwarmInactive', { state: f.state }], fix: ['doctorSwarmInactiveFix', {}], details };
  if (!f.manager) return { status: 'fail', summary: ['doctorSwarmWorker', {}], fix: ['doctorSwarmWorkerFix', {}], details };
  if (!f.cli) return { status: 'fail', summary: ['doctorSwarmCli', { program: f.cliProgram }], fix: ['doctorSwarmCliFix', {}], details };
  const nodes = f.nodes ?? [];
  const down = nodes.filter((n) => n.state !== 'ready' || n.availability !== 'active').map((n) => `${n.hostname} (${n.state}, ${n.availability})`);
  const warnings: Msg[] = [];
  const fixes: Msg[] = [];
  if (down.length) {
    warnings.push(['doctorSwarmNodesDown', { nodes: down }]);
    fixes.push(['doctorSwarmNodesDownFix', {}]);
  }
  if (nodes.length > 1) {
    warnings.push(['doctorSwarmMultiNode', { count: nodes.length }]);
    fixes.push(['doctorSwarmMultiNodeFix', {}]);
  }
  if (f.ipvs === false && f.needIpvs.length) {
    warnings.push(['doctorSwarmNoIpvs', { services: f.needIpvs }]);
    fixes.push(['doctorSwarmNoIpvsFix', {}]);
  }
  if (f.preferOffline === false) {
    warnings.push(['doctorSwarmPulls', {}]);
    fixes.push(['doctorSwarmPullsFix', {}]);
  }
  const ok: Msg = ['doctorSwarmOk', { nodes: nodes.length || '?', managers: nodes.filter((n) => n.role === 'manager').length || '?', program: f.cliProgram }];
  if (warnings.length === 0) return { status: 'ok', summary: ok, fix: null, details };
  const say = (list: Msg[]): string => list.map((m) => t(lang, m[0], m[1])).join('; ');
  return { status: 'warn', summary: ['doctorSwarmWarnings', { list: say(warnings) }], fix: ['doctorSwarmFixes', { list: say(fixes) }], details };
}
