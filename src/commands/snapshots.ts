// snapshots [list | restore ID]: the data snapshots taken before releases (issue 22), newest first, in SPEC §3's
// JSON shape; restoring one by hand.
import { RepriseError } from '../domain/errors';
import { t } from '../domain/messages';
import { restoreSnapshot } from '../release/apply/data-restore';
import { say, warn, type OpContext } from '../release/context';
import { withLock } from '../release/guard';
import { resolveState } from '../release/resolve/resolve';

export interface SnapshotsResult {
  ok: true;
  snapshots: Array<{ id: number; service: string; kind: string; version: string; release: number | null; created_at: string; bytes: number; sha256: string; path: string }>;
}

export function snapshots(ctx: Pick<OpContext, 'store' | 'project'>): SnapshotsResult {
  return {
    ok: true,
    snapshots: ctx.store.listSnapshots(ctx.project.name).map((s) => ({ id: s.id, service: s.service, kind: s.kind, version: s.version, release: s.releaseId, created_at: s.createdAt, bytes: s.bytes, sha256: s.sha256, path: s.path })),
  };
}

export interface RestoreResult {
  ok: true;
  snapshot: number;
  service: string;
  safety: { id: number; path: string };
  cancelled?: true;
}

/**
 * snapshots restore ID: the data of the snapshot's service back to it, after a confirmation naming what is lost
 * and a safety snapshot; under the project's lock. A "no" changes nothing.
 */
export async function restore(ctx: OpContext, id: number, yes: boolean): Promise<RestoreResult | { ok: true; cancelled: true; snapshot: number }> {
  const snapshot = ctx.store.listSnapshots(ctx.project.name).find((s) => s.id === id);
  if (!snapshot) throw new RepriseError('USAGE', 'restoreUnknown', { id });
  warn(ctx, 'restoreLoses', { service: snapshot.service, id, at: snapshot.createdAt });
  if (!yes && !(await ctx.confirm(t(ctx.lang, 'confirmRestore', { service: snapshot.service, project: ctx.project.name, id, at: snapshot.createdAt })))) {
    say(ctx, 'cancelled');
    return { ok: true, cancelled: true, snapshot: id };
  }
  return withLock(ctx, 'snapshots restore', null, async () => {
    const current = (await resolveState(ctx)).current;
    const r = await restoreSnapshot(ctx, snapshot, current, `reprise snapshots restore ${id}`);
    return { ok: true as const, snapshot: id, service: snapshot.service, safety: { id: r.safety.id, path: r.safety.path } };
  });
}
