// The schema head each release ran with (schema 8, issue 22): what `data.schema` read once the release was good.
import type Database from 'better-sqlite3';

export class SchemaHeadTable {
  private readonly put: Database.Statement;
  private readonly ofVersion: Database.Statement;

  constructor(db: Database.Database) {
    this.put = db.prepare('INSERT OR REPLACE INTO release_schema (release_id, head) VALUES (?, ?)');
    this.ofVersion = db.prepare(
      `SELECT s.head FROM release_schema s JOIN releases r ON r.id = s.release_id
       WHERE r.project = ? AND r.version = ? AND r.outcome = 'success' ORDER BY r.id DESC LIMIT 1`,
    );
  }

  record(releaseId: number, head: string): void {
    this.put.run(releaseId, head);
  }

  /** the head recorded with the newest successful release of `version`, or null */
  forVersion(project: string, version: string): string | null {
    return (this.ofVersion.get(project, version) as { head: string } | undefined)?.head ?? null;
  }
}
