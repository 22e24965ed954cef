// Data snapshots taken before releases (schema 7): the file (relative to the project directory), its size and
// SHA-256, the service and kind, the version the release went to and the release it was taken for.
import type Database from 'better-sqlite3';
import type { DataSnapshot, NewDataSnapshot } from '../../domain/types';

interface Row {
  id: number;
  project: string;
  release_id: number | null;
  service: string;
  kind: string;
  version: string;
  from_version: string | null;
  created_at: string;
  bytes: number;
  sha256: string;
  path: string;
}

const toSnapshot = (r: Row): DataSnapshot => ({
  id: r.id,
  project: r.project,
  releaseId: r.release_id,
  service: r.service,
  kind: r.kind,
  version: r.version,
  fromVersion: r.from_version,
  createdAt: r.created_at,
  bytes: r.bytes,
  sha256: r.sha256,
  path: r.path,
});

export class SnapshotTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly ofProject: Database.Statement;
  private readonly link: Database.Statement;
  private readonly remove: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO snapshots (project, release_id, service, kind, version, from_version, created_at, bytes, sha256, path)
       VALUES (@project, @releaseId, @service, @kind, @version, @fromVersion, @createdAt, @bytes, @sha256, @path)`,
    );
    this.byId = db.prepare('SELECT * FROM snapshots WHERE id = ?');
    this.ofProject = db.prepare('SELECT * FROM snapshots WHERE project = ? ORDER BY id DESC');
    this.link = db.prepare('UPDATE snapshots SET release_id = ? WHERE id = ? AND release_id IS NULL');
    this.remove = db.prepare('DELETE FROM snapshots WHERE id = ?');
  }

  add(s: NewDataSnapshot): DataSnapshot {
    const info = this.insert.run({ ...s, releaseId: s.releaseId ?? null, fromVersion: s.fromVersion ?? null });
    return toSnapshot(this.byId.get(Number(info.lastInsertRowid)) as Row);
  }

  list(project: string): DataSnapshot[] {
    return (this.ofProject.all(project) as Row[]).map(toSnapshot);
  }

  /** the release a snapshot was taken for, once its row exists */
  linkRelease(id: number, releaseId: number): void {
    this.link.run(releaseId, id);
  }

  /** a snapshot's row, once prune removed its file */
  delete(id: number): void {
    this.remove.run(id);
  }
}
