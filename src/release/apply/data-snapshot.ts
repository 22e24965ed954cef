// Before a release whose plan runs migrations (or every release, `data.snapshot: always`), after the pre-hooks
// and before the first container changes (issue 22): each stateful service of `data:` is dumped into
// backups/ (0700; files 0600, never through a link), with its size and SHA-256 recorded. A snapshot that fails
// stops the release with nothing changed; `--no-snapshot` skips it, and that is recorded.
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serviceContainer } from '../../domain/containers';
import { DUMP_CANCEL, POSTGRES_DUMP, snapshotFile, snapshotNeeded, withDumpPid } from '../../domain/data-snapshot';
import { isMysqlKind, MYSQL_DUMP } from '../../domain/mysql-data';
import { parseDuration } from '../../domain/duration';
import { RepriseError } from '../../domain/errors';
import { redact } from '../../domain/redact';
import { formatBytes } from '../../domain/prune';
import type { Plan } from '../../domain/plan';
import type { DataSnapshot } from '../../domain/types';
import type { ServiceContainer } from '../../domain/containers';
import { ensurePrivateDir } from '../../adapters/fs/private';
import { projectSecrets, say, warn, type OpContext } from '../context';
import { dumpRedis } from './redis-data';

/** a dump of a large database may take long; the release waits for it (data.timeout) */
export const SNAPSHOT_TIMEOUT_MS = 30 * 60_000;

/** How long one dump or restore may take: data.timeout, else 30 minutes. */
export function dataTimeoutMs(ctx: Pick<OpContext, 'project'>): number {
  const v = ctx.project.config.data?.timeout;
  return (v === undefined ? null : parseDuration(v)) ?? SNAPSHOT_TIMEOUT_MS;
}

/** The snapshots taken for this plan (none when `data:` asks none); throws OPERATION_FAILED when one fails. */
export async function takeSnapshots(ctx: OpContext, plan: Pick<Plan, 'steps' | 'fromVersion' | 'version'>, skip = false): Promise<DataSnapshot[]> {
  const data = ctx.project.config.data;
  if (!data || !snapshotNeeded(plan, data.snapshot)) return [];
  const services = Object.entries(data.services);
  if (skip) {
    warn(ctx, 'snapshotSkipped', { services: services.map(([s]) => s) });
    ctx.store.addEvent(ctx.project.name, 'snapshot_skipped', `no snapshot before ${plan.version} (--no-snapshot): ${services.map(([s]) => s).join(', ')}`, { version: plan.version, services: services.map(([s]) => s) });
    return [];
  }
  const containers = await ctx.engine.containers();
  const taken: DataSnapshot[] = [];
  for (const [service, { kind }] of services) {
    const c = serviceContainer(containers, service);
    // nothing deployed yet: the release creates the data, there is nothing to protect
    if (!c && plan.fromVersion === null) continue;
    taken.push(await dumpService(ctx, { service, kind, container: c, version: plan.version, fromVersion: plan.fromVersion }));
  }
  if (taken.length) ctx.store.addEvent(ctx.project.name, 'snapshot', `snapshot before ${plan.version}: ${taken.map((s) => s.path).join(', ')}`, { version: plan.version, snapshots: taken.map((s) => s.id) });
  return taken;
}

/**
 * One service's dump into backups/ (`suffix`: e.g. `-safety` for the one taken before a restore), recorded;
 * throws OPERATION_FAILED (no partial file left) when it cannot be taken.
 */
export async function dumpService(
  ctx: OpContext,
  o: { service: string; kind: string; container: ServiceContainer | null; version: string; fromVersion: string | null; suffix?: string },
): Promise<DataSnapshot> {
  const { service, kind, container: c } = o;
  say(ctx, o.suffix === '-safety' ? 'snapshotTakingSafety' : 'snapshotTaking', { service, kind });
  const path = snapshotFile(ctx.now(), o.version, `${service}${o.suffix ?? ''}`, kind);
  const file = join(ctx.project.dir, path);
  // a file of that name (two snapshots in one second) is another snapshot's: never removed, never written over
  const existed = existsSync(file);
  const fail = (reason: string): RepriseError => {
    if (!existed) rmSync(file, { force: true });
    const masked = redact(reason, projectSecrets(ctx));
    // recorded whatever the operation does next (a deploy stopped before its release row exists)
    ctx.store.addEvent(ctx.project.name, 'snapshot_failed', `snapshot of ${service} before ${o.version} failed: ${masked}`, { service, kind, version: o.version });
    return new RepriseError('OPERATION_FAILED', 'snapshotFailed', { service, reason: masked }, { service, kind });
  };
  if (existed) throw fail(`${path} already exists (another snapshot this second); run the command again`);
  if (!c || c.state !== 'running') throw fail(c ? `its container is ${c.state}` : 'it has no container');
  try {
    ensurePrivateDir(join(ctx.project.dir, 'backups'));
  } catch (e) {
    throw fail((e as Error).message);
  }
  let r: { bytes: number; sha256: string };
  try {
    const dump = kind === 'volume' ? dumpVolumes : kind === 'redis' ? dumpRedisFile : isMysqlKind(kind) ? dumpMysql : dumpPostgres;
    r = await dump(ctx, c.id, file, dataTimeoutMs(ctx));
  } catch (e) {
    throw fail((e as Error).message);
  }
  const snapshot = ctx.store.addSnapshot({ project: ctx.project.name, service, kind, version: o.version, fromVersion: o.fromVersion, createdAt: ctx.now().toISOString(), bytes: statSync(file).size, sha256: r.sha256, path });
  say(ctx, 'snapshotTaken', { service, path, size: formatBytes(snapshot.bytes, ctx.lang), sha: r.sha256.slice(0, 12) });
  return snapshot;
}

type Dump = (ctx: OpContext, containerId: string, file: string, timeoutMs: number) => Promise<{ bytes: number; sha256: string }>;

/** A dump command's output streamed into `file`; throws with its last words when it fails or writes nothing. */
const dumpWith = (cmd: string[], tool: string): Dump => async (ctx, id, file, timeoutMs) => {
  const d = await ctx.engine.dumpToFile(id, withDumpPid(cmd), file, timeoutMs);
  if (d.exitCode === null && d.durationMs < timeoutMs) throw new Error(`${tool} ended but the engine did not report its exit code`);
  if (d.exitCode === null) {
    // out of time: the dump still running in the container is stopped, never left to run on unseen
    await ctx.engine.readInContainer(id, DUMP_CANCEL, [], 20_000).catch(() => undefined);
    throw new Error(`${tool} did not end within ${Math.round(timeoutMs / 1000)} s (data.timeout) and was stopped`);
  }
  if (d.exitCode !== 0 || d.bytes === 0) {
    const tail = d.stderr.trim().split('\n').slice(-2).join(' | ');
    throw new Error(`${tool} exited ${d.exitCode}${tail ? `: ${tail}` : ''}`);
  }
  return d;
};

/** pg_dump -Fc */
const dumpPostgres = dumpWith(POSTGRES_DUMP, 'pg_dump');

/** mariadb-dump (or mysqldump) --single-transaction */
const dumpMysql = dumpWith(MYSQL_DUMP, 'mariadb-dump');

/** BGSAVE and the RDB file into `file`; an empty file is a failure. */
const dumpRedisFile: Dump = async (ctx, id, file, timeoutMs) => {
  const r = await dumpRedis(ctx, id, file, timeoutMs);
  if (r.bytes === 0) throw new Error('the RDB file is empty');
  return r;
};

/** The container's named volumes into one tar; a container without any is a failure. */
const dumpVolumes: Dump = async (ctx, id, file, timeoutMs) => {
  const mounts = await ctx.engine.volumeMounts(id);
  if (!mounts.length) throw new Error('its container has no named volume');
  return ctx.engine.snapshotVolumes(id, mounts, file, timeoutMs);
};

/** Ties the snapshots to the release they were taken for, once its row exists. */
export function linkSnapshots(ctx: Pick<OpContext, 'store'>, snapshots: DataSnapshot[], releaseId: number): void {
  for (const s of snapshots) ctx.store.linkSnapshot(s.id, releaseId);
}

