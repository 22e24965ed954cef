import type Database from 'better-sqlite3';
import type { NewRelease, Release, ReleaseFinish, ReleaseKind, ReleaseOutcome } from '../../domain/types';
import { toRelease, type ReleaseRow } from './rows';

export interface ListReleasesOptions {
  limit?: number;
  kinds?: ReleaseKind[];
}

/** The releases table: one row per attempt to put a version in place. */
export class ReleaseTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly finish: Database.Statement;
  private readonly mark: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO releases (project, kind, trigger, version, from_version, outcome, started_at, user, host, message)
       VALUES (@project, @kind, @trigger, @version, @fromVersion, 'running', @startedAt, @user, @host, @message)`,
    );
    this.byId = db.prepare('SELECT * FROM releases WHERE id = ?');
    this.finish = db.prepare(
      `UPDATE releases SET outcome = @outcome, finished_at = @finishedAt, duration_seconds = @durationSeconds,
         services = @services, error_code = @errorCode, error_message = @errorMessage WHERE id = @id`,
    );
    this.mark = db.prepare('UPDATE releases SET outcome = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ?');
  }

  start(r: NewRelease): Release {
    const info = this.insert.run(r);
    return this.mustGet(Number(info.lastInsertRowid));
  }

  finishRelease(id: number, f: ReleaseFinish): Release {
    const info = this.finish.run({
      id,
      outcome: f.outcome,
      finishedAt: f.finishedAt,
      durationSeconds: f.durationSeconds,
      services: JSON.stringify(f.services),
      errorCode: f.errorCode ?? null,
      errorMessage: f.errorMessage ?? null,
    });
    if (info.changes === 0) throw new Error(`release ${id} not found`);
    return this.mustGet(id);
  }

  /** Sets the outcome only (e.g. `interrupted` after a crash, `rolled_back` when rolled back from). */
  markRelease(id: number, outcome: ReleaseOutcome): Release {
    const info = this.mark.run(outcome, outcome === 'running' ? null : this.now().toISOString(), id);
    if (info.changes === 0) throw new Error(`release ${id} not found`);
    return this.mustGet(id);
  }

  get(id: number): Release | null {
    const row = this.byId.get(id) as ReleaseRow | undefined;
    return row ? toRelease(row) : null;
  }

  /** Newest first (by id). */
  list(project: string, opts: ListReleasesOptions = {}): Release[] {
    const params: unknown[] = [project];
    let sql = 'SELECT * FROM releases WHERE project = ?';
    if (opts.kinds && opts.kinds.length > 0) {
      sql += ` AND kind IN (${opts.kinds.map(() => '?').join(', ')})`;
      params.push(...opts.kinds);
    }
    sql += ' ORDER BY id DESC';
    if (opts.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(Math.max(0, Math.floor(opts.limit)));
    }
    // Prepared per call: the SQL varies with the options; preparing costs microseconds.
    return (this.db.prepare(sql).all(...params) as ReleaseRow[]).map(toRelease);
  }

  /** Every version the other projects of this store (the configuration's other environments) have released, with who. */
  versionsOfOthers(project: string): Array<{ project: string; version: string }> {
    return this.db.prepare('SELECT DISTINCT project, version FROM releases WHERE project <> ? ORDER BY project, version').all(project) as Array<{ project: string; version: string }>;
  }

  private mustGet(id: number): Release {
    const r = this.get(id);
    if (!r) throw new Error(`release ${id} not found`);
    return r;
  }
}
