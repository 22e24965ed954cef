import type Database from 'better-sqlite3';
import type { HistoryEvent } from '../../domain/types';
import { toEvent, type EventRow } from './rows';

/** The events table: things worth telling in `history` that are not releases. */
export class EventTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly listAll: Database.Statement;
  private readonly listLimited: Database.Statement;
  private readonly listType: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (project, at, type, release_id, message, details) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT * FROM events WHERE id = ?');
    this.listAll = db.prepare('SELECT * FROM events WHERE project = ? ORDER BY id DESC');
    this.listLimited = db.prepare('SELECT * FROM events WHERE project = ? ORDER BY id DESC LIMIT ?');
    this.listType = db.prepare('SELECT * FROM events WHERE project = ? AND type = ? ORDER BY id DESC');
  }

  add(project: string, type: string, message: string, details: Record<string, unknown> = {}, releaseId: number | null = null): HistoryEvent {
    const info = this.insert.run(project, this.now().toISOString(), type, releaseId, message, JSON.stringify(details));
    return toEvent(this.byId.get(Number(info.lastInsertRowid)) as EventRow);
  }

  /** Newest first. */
  list(project: string, opts: { limit?: number; type?: string } = {}): HistoryEvent[] {
    if (opts.type !== undefined) {
      const typed = (this.listType.all(project, opts.type) as EventRow[]).map(toEvent);
      return opts.limit === undefined ? typed : typed.slice(0, Math.max(0, Math.floor(opts.limit)));
    }
    const rows = opts.limit === undefined ? this.listAll.all(project) : this.listLimited.all(project, Math.max(0, Math.floor(opts.limit)));
    return (rows as EventRow[]).map(toEvent);
  }
}
