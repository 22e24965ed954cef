import type Database from 'better-sqlite3';
import type { JournalEntry } from '../../domain/types';
import { fromJournal, toJournal, type JournalRow } from './rows';

export type JournalPatch = Partial<Pick<JournalEntry, 'done' | 'step' | 'planned'>>;

/** The journal: what the running operation intends and has done; one entry per project. */
export class JournalTable {
  private readonly put: Database.Statement;
  private readonly get: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly patch: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.put = db.prepare(
      `INSERT OR REPLACE INTO journal (project, release_id, kind, version, from_version, planned, done, step, pid, host, started_at, updated_at)
       VALUES (@project, @release_id, @kind, @version, @from_version, @planned, @done, @step, @pid, @host, @started_at, @updated_at)`,
    );
    this.get = db.prepare('SELECT * FROM journal WHERE project = ?');
    this.remove = db.prepare('DELETE FROM journal WHERE project = ?');
    this.patch = db.prepare(
      `UPDATE journal SET planned = COALESCE(@planned, planned), done = COALESCE(@done, done),
         step = COALESCE(@step, step), updated_at = @updatedAt WHERE project = @project`,
    );
  }

  write(e: JournalEntry): void {
    this.put.run(fromJournal(e));
  }

  /** Updates the listed fields and `updatedAt`; returns the entry, or null when there is none. */
  update(project: string, p: JournalPatch): JournalEntry | null {
    this.patch.run({
      project,
      planned: p.planned === undefined ? null : JSON.stringify(p.planned),
      done: p.done === undefined ? null : JSON.stringify(p.done),
      step: p.step ?? null,
      updatedAt: this.now().toISOString(),
    });
    return this.read(project);
  }

  read(project: string): JournalEntry | null {
    const row = this.get.get(project) as JournalRow | undefined;
    return row ? toJournal(row) : null;
  }

  clear(project: string): void {
    this.remove.run(project);
  }
}
