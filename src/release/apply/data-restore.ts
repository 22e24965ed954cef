// Restoring a data snapshot (issue 22): explicit only (`rollback --restore-data`, `snapshots restore ID`), never
// automatic. The file is checked against its recorded SHA-256, a safety snapshot of the data as it is now is
// taken first, then the archive is streamed into the database container and pg_restore'd there in one
// transaction with the container's own credentials. Every restore is an event in the history.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { serviceContainer } from '../../domain/containers';
import { EXEC_OWNER, parseOwner, postgresCancelRestore, postgresRestore } from '../../domain/data-snapshot';
import { isMysqlKind, mysqlCancelRestore, mysqlRestore } from '../../domain/mysql-data';
import { RepriseError, isRepriseError } from '../../domain/errors';
import { t } from '../../domain/messages';
import { redact } from '../../domain/redact';
import type { DataRestoreRecord, DataSnapshot } from '../../domain/types';
import { RESTORE_PATH } from '../../engines/data-ops';
import { projectSecrets, say, type OpContext } from '../context';
import { dataTimeoutMs, dumpService } from './data-snapshot';
import { restoreRedis } from './redis-data';

export interface RestoreOutcome {
  snapshot: DataSnapshot;
  /** the data as it was just before the restore */
  safety: DataSnapshot;
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/**
 * The snapshots taken before the release that put `version` in place (the one a rollback from it undoes): one
 * per service of `data:`, all taken for that same release; empty when there is none.
 */
export function snapshotsBefore(ctx: Pick<OpContext, 'store' | 'project'>, version: string | null): DataSnapshot[] {
  if (!version) return [];
  // the release that put it in place: the newest good one to it (never an older release's snapshot, never one
  // no release owns — a deploy stopped by a failed snapshot, whose other services' dumps stay unlinked)
  const release = ctx.store.listReleases(ctx.project.name, { limit: 200 }).find((r) => r.version === version && r.outcome === 'success');
  if (!release) return [];
  return ctx.store
    .listSnapshots(ctx.project.name)
    .filter((s) => s.releaseId === release.id && s.version === version && !isSafety(s))
    .reverse();
}

/** a safety snapshot (taken before a restore): `…-<service>-safety.<ext>` */
export function isSafety(s: Pick<DataSnapshot, 'path' | 'service'>): boolean {
  return basename(s.path).replace(/\.[a-z]+$/, '').endsWith(`-${s.service}-safety`);
}

/** Restores `snapshot` into its service's running container; OPERATION_FAILED (one line) when it cannot. */
export async function restoreSnapshot(ctx: OpContext, snapshot: DataSnapshot, current: string | null, why: string): Promise<RestoreOutcome> {
  const file = join(ctx.project.dir, snapshot.path);
  let safetyPath: string | null = null;
  const fail = (reason: string): RepriseError => {
    const masked = redact(reason, projectSecrets(ctx));
    ctx.store.addEvent(ctx.project.name, 'data_restore_failed', `${snapshot.service}: restoring snapshot #${snapshot.id} failed — ${why}: ${masked}`, { snapshot: snapshot.id, service: snapshot.service, safety: safetyPath });
    return new RepriseError('OPERATION_FAILED', 'restoreFailed', { id: snapshot.id, service: snapshot.service, reason: masked }, { snapshot: snapshot.id, service: snapshot.service, safety: safetyPath });
  };
  if (!existsSync(file)) throw fail(`${snapshot.path} is missing`);
  if ((await sha256Of(file)) !== snapshot.sha256) throw fail(`${snapshot.path} does not match its recorded SHA-256 (changed or damaged)`);
  const container = serviceContainer(await ctx.engine.containers(), snapshot.service);
  // the data as it is now, first: what the restore replaces can be had again
  const safety = await dumpService(ctx, { service: snapshot.service, kind: snapshot.kind, container, version: current ?? snapshot.version, fromVersion: null, suffix: '-safety' }).catch((e: unknown) => {
    // its own reason, not its whole sentence (that one ends with "Nothing was changed.", and ours with a period)
    const reason = isRepriseError(e) && e.key === 'snapshotFailed' ? String(e.params.reason) : isRepriseError(e) ? t(ctx.lang, e.key, e.params) : (e as Error).message;
    throw fail(`the safety snapshot failed (${reason.replace(/\.$/, '')}), nothing was restored`);
  });
  safetyPath = safety.path;
  say(ctx, 'restoreRunning', { service: snapshot.service, id: snapshot.id, path: snapshot.path, at: snapshot.createdAt });
  const id = container!.id;
  const timeoutMs = dataTimeoutMs(ctx);
  if (snapshot.kind === 'volume' || snapshot.kind === 'redis') {
    try {
      await (snapshot.kind === 'volume' ? restoreVolumesOf : restoreRedis)(ctx, id, file, timeoutMs);
    } catch (e) {
      throw fail(`${(e as Error).message}; the data as it was just before is in ${safety.path}`);
    }
    return recordRestore(ctx, snapshot, safety, why);
  }
  const mysql = isMysqlKind(snapshot.kind);
  const tool = mysql ? 'the mariadb client' : 'pg_restore';
  let r;
  try {
    // the file belongs to the user the restore runs as (999 in the postgres images, root in some others)
    const owner = parseOwner((await ctx.engine.readInContainer(id, EXEC_OWNER, [], 20_000)).stdout) ?? { uid: 999, gid: 999 };
    r = await ctx.engine.restoreFromFile(id, file, (mysql ? mysqlRestore : postgresRestore)(RESTORE_PATH), owner, timeoutMs);
  } catch (e) {
    throw fail(`${(e as Error).message}; the data as it was just before is in ${safety.path}`);
  }
  if (r.exitCode === null) {
    // out of time: what still runs is ended, never left to finish unseen
    await ctx.engine.readInContainer(id, (mysql ? mysqlCancelRestore : postgresCancelRestore)(RESTORE_PATH), [], 20_000).catch(() => undefined);
    const stopped = mysql
      ? 'it was stopped (MariaDB and MySQL commit each table as it is created: the database may be partly restored)'
      : 'it was stopped and its transaction rolled back, the data is as it was';
    throw fail(`${tool} did not end within ${Math.round(timeoutMs / 1000)} s (data.timeout): ${stopped}; the data as it was just before is in ${safety.path}`);
  }
  // past its checks (exit 3: nothing dropped), a MariaDB/MySQL restore that fails may have dropped or half-filled the database
  const partly = mysql && r.exitCode !== 3 ? ' (the database may be partly restored)' : '';
  if (r.exitCode !== 0) throw fail(`${tool} exited ${r.exitCode}${partly}: ${r.output.trim().split('\n').slice(-2).join(' | ')}; the data as it was just before is in ${safety.path}`);
  return recordRestore(ctx, snapshot, safety, why);
}

/** The tar of the container's named volumes back in place (the container stopped meanwhile); not on Swarm. */
async function restoreVolumesOf(ctx: OpContext, id: string, file: string, timeoutMs: number): Promise<void> {
  // Swarm would replace a task whose container is stopped: the volumes are restored by hand there
  if (ctx.project.engine === 'swarm') throw new Error('a volume is restored with its container stopped, and Swarm would replace that task: restore it by hand (see docs/data.md)');
  await ctx.engine.restoreVolumes(id, await ctx.engine.volumeMounts(id), file, timeoutMs);
}

/** The restore done: an event in the history, the line that says so. */
function recordRestore(ctx: OpContext, snapshot: DataSnapshot, safety: DataSnapshot, why: string): RestoreOutcome {
  ctx.store.addEvent(ctx.project.name, 'data_restored', `${snapshot.service} restored to snapshot #${snapshot.id} (${snapshot.createdAt}, before ${snapshot.version}) — ${why}; writes since then are gone, the data as it was is in ${safety.path}`, {
    snapshot: snapshot.id,
    safety: safety.id,
    service: snapshot.service,
    lostSince: snapshot.createdAt,
    by: `${ctx.user}@${ctx.host}`,
  });
  say(ctx, 'restoreDone', { service: snapshot.service, id: snapshot.id, safety: safety.path });
  return { snapshot, safety };
}

/**
 * rollback --restore-data, once the code went back: the restore as a record for the metrics entry, the incident
 * report and the result; its error (to raise once everything is recorded) instead of a throw.
 */
export async function restoreAfterRollback(ctx: OpContext, snapshots: DataSnapshot[], current: string, why: string): Promise<{ records: DataRestoreRecord[]; error: unknown }> {
  const records: DataRestoreRecord[] = [];
  for (const snapshot of snapshots) {
    const base = { service: snapshot.service, snapshot: snapshot.id, lost_since: snapshot.createdAt };
    try {
      const r = await restoreSnapshot(ctx, snapshot, current, why);
      records.push({ ok: true, ...base, safety: r.safety.path });
    } catch (e) {
      // the first failure stops: the services after it keep their data as it is (said in the record)
      const safety = isRepriseError(e) && typeof e.details?.safety === 'string' ? e.details.safety : null;
      const error = isRepriseError(e) ? t(ctx.lang, e.key, e.params) : redact((e as Error).message, projectSecrets(ctx));
      records.push({ ok: false, ...base, safety, error });
      for (const rest of snapshots.slice(snapshots.indexOf(snapshot) + 1)) {
        records.push({ ok: false, service: rest.service, snapshot: rest.id, lost_since: rest.createdAt, safety: null, error: 'not restored: an earlier restore of this rollback failed' });
      }
      return { records, error: e };
    }
  }
  return { records, error: null };
}
