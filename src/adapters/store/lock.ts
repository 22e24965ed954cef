import type Database from 'better-sqlite3';
import type { LockHolder } from '../../domain/types';
import { fromLockHolder, toLockHolder, type LockRow } from './rows';

export type AcquireResult = { acquired: true; takenOver: LockHolder | null } | { acquired: false; holder: LockHolder };

/** The operation lock: at most one holder per project. */
export class LockTable {
  private readonly get: Database.Statement;
  private readonly put: Database.Statement;
  private readonly releaseByPid: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly acquireTx: (holder: LockHolder, isDead: (h: LockHolder) => boolean) => AcquireResult;

  constructor(db: Database.Database) {
    this.get = db.prepare('SELECT * FROM lock WHERE project = ?');
    this.put = db.prepare(
      `INSERT OR REPLACE INTO lock (project, pid, host, user, command, message, since, pid_start, boot_id, pid_ns)
       VALUES (@project, @pid, @host, @user, @command, @message, @since, @pid_start, @boot_id, @pid_ns)`,
    );
    // `IS` so that a null pid matches the manual lock.
    this.releaseByPid = db.prepare('DELETE FROM lock WHERE project = ? AND pid IS ?');
    this.remove = db.prepare('DELETE FROM lock WHERE project = ?');
    const tx = db.transaction((holder: LockHolder, isDead: (h: LockHolder) => boolean): AcquireResult => {
      const current = this.holder(holder.project);
      if (current && !isDead(current)) return { acquired: false, holder: current };
      this.put.run(fromLockHolder(holder));
      return { acquired: true, takenOver: current };
    });
    // BEGIN IMMEDIATE: read and write under one write lock, so two processes never both acquire.
    this.acquireTx = (holder, isDead) => tx.immediate(holder, isDead);
  }

  acquire(holder: LockHolder, isDead: (h: LockHolder) => boolean): AcquireResult {
    return this.acquireTx(holder, isDead);
  }

  /** Releases the lock only if `pid` is the holder's (null releases a manual lock). */
  release(project: string, pid: number | null): boolean {
    return this.releaseByPid.run(project, pid).changes > 0;
  }

  forceRelease(project: string): boolean {
    return this.remove.run(project).changes > 0;
  }

  holder(project: string): LockHolder | null {
    const row = this.get.get(project) as LockRow | undefined;
    return row ? toLockHolder(row) : null;
  }
}
