// snapshots [list]: the data snapshots taken before releases (issue 22), newest first, in SPEC §3's JSON shape.
import type { OpContext } from '../release/context';

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
