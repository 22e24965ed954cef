import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { narrowMode, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fs/private';
import type { DataSnapshot, HistoryEvent, JournalEntry, LockHolder, NewDataSnapshot, NewRelease, Release, ReleaseFinish, ReleaseImage, ReleaseOutcome } from '../../domain/types';
import { BaselineTable, type Baseline, type BaselineFigures } from './baselines';
import { ConfigTable, type ConfigSnapshot, type NewConfigSnapshot } from './configs';
import { EventTable } from './events';
import { IncidentTable } from './incidents';
import { JournalTable, type JournalPatch } from './journal';
import { LockTable, type AcquireResult } from './lock';
import { ReleaseImageTable } from './release-images';
import { SchemaHeadTable } from './schema-heads';
import { SnapshotTable } from './snapshots';
import { ReleaseTable, type ListReleasesOptions } from './releases';
import { migrate } from './schema';

export interface StoreOptions {
  /** clock for event and journal timestamps (tests) */
  now?: () => Date;
  /** how long a write waits for another process's write to end (default STORE_BUSY_TIMEOUT_MS) */
  busyTimeoutMs?: number;
}

/**
 * Ten operations started at once each record their refusal (metrics file, event) one after the other:
 * on a loaded machine that queue takes seconds, so a write waits up to 20 s before giving up.
 */
export const STORE_BUSY_TIMEOUT_MS = 20_000;

/**
 * The store's folder and files are private whatever the umask: the folder 0700, the database 0600 before
 * SQLite opens it, so the -wal and -shm files it creates take the same mode. An older reprise's wider modes,
 * companions left by a crash included, are narrowed (best effort: another user's files stay as they are).
 */
function preparePrivate(file: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  narrowMode(dir, PRIVATE_DIR_MODE);
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_CREAT, PRIVATE_FILE_MODE));
  } catch {
    // not ours to create (a read-only folder): SQLite says why
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) narrowMode(f, PRIVATE_FILE_MODE);
}

/**
 * The state store (`.reprise/state.db`): releases, events, lock and journal,
 * every row keyed by compose project so one file can serve several environments.
 */
export class Store {
  private readonly releases: ReleaseTable;
  private readonly events: EventTable;
  private readonly lock: LockTable;
  private readonly journal: JournalTable;
  private readonly baselines: BaselineTable;
  private readonly configs: ConfigTable;
  private readonly images: ReleaseImageTable;
  private readonly snapshots: SnapshotTable;
  private readonly schemaHeads: SchemaHeadTable;
  /** incidents and the messages their clock sent (issue 23) */
  readonly incidents: IncidentTable;

  /** `db` is exposed for later tables (probe samples, baselines) and for tests. */
  private constructor(readonly db: Database.Database, now: () => Date) {
    this.releases = new ReleaseTable(db, now);
    this.events = new EventTable(db, now);
    this.lock = new LockTable(db);
    this.journal = new JournalTable(db, now);
    this.baselines = new BaselineTable(db, now);
    this.configs = new ConfigTable(db, now);
    this.images = new ReleaseImageTable(db);
    this.snapshots = new SnapshotTable(db);
    this.schemaHeads = new SchemaHeadTable(db);
    this.incidents = new IncidentTable(db);
  }

  static open(file: string, opts: StoreOptions = {}): Store {
    if (file !== ':memory:') preparePrivate(path.resolve(file));
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? STORE_BUSY_TIMEOUT_MS))}`);
      db.pragma('journal_mode = WAL');
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return new Store(db, opts.now ?? (() => new Date()));
  }

  /**
   * Runs `fn` holding the database's write lock (BEGIN IMMEDIATE): serialises work shared by the
   * environments of one project directory, such as rewriting the metrics file, across processes.
   */
  exclusive<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // releases
  startRelease(r: NewRelease): Release {
    return this.releases.start(r);
  }
  finishRelease(id: number, f: ReleaseFinish): Release {
    return this.releases.finishRelease(id, f);
  }
  markRelease(id: number, outcome: ReleaseOutcome): Release {
    return this.releases.markRelease(id, outcome);
  }

  // what releases ran (image ID, repository digest per service)
  recordReleaseImages(releaseId: number, images: Array<Omit<ReleaseImage, 'releaseId'>>): void {
    this.images.record(releaseId, images);
  }
  releaseImages(releaseId: number): ReleaseImage[] {
    return this.images.forRelease(releaseId);
  }
  /** what the newest successful release of `version` ran (empty when none recorded it) */
  versionImages(project: string, version: string): ReleaseImage[] {
    return this.images.forVersion(project, version);
  }
  // data snapshots (issue 22)
  addSnapshot(s: NewDataSnapshot): DataSnapshot {
    return this.snapshots.add(s);
  }
  listSnapshots(project: string): DataSnapshot[] {
    return this.snapshots.list(project);
  }
  linkSnapshot(id: number, releaseId: number): void {
    this.snapshots.linkRelease(id, releaseId);
  }
  removeSnapshot(id: number): void {
    this.snapshots.delete(id);
  }
  recordSchemaHead(releaseId: number, head: string): void {
    this.schemaHeads.record(releaseId, head);
  }
  /** the schema head recorded with the newest successful release of `version` (null: none recorded) */
  schemaHeadOf(project: string, version: string): string | null {
    return this.schemaHeads.forVersion(project, version);
  }
  /** every image a successful release of the project ran */
  releasedImages(project: string): Array<ReleaseImage & { version: string }> {
    return this.images.ofSuccessfulReleases(project);
  }
  getRelease(id: number): Release | null {
    return this.releases.get(id);
  }
  listReleases(project: string, opts: ListReleasesOptions = {}): Release[] {
    return this.releases.list(project, opts);
  }
  releasedByOthers(project: string): Array<{ project: string; version: string }> {
    return this.releases.versionsOfOthers(project);
  }

  // events
  addEvent(project: string, type: string, message: string, details: Record<string, unknown> = {}, releaseId: number | null = null): HistoryEvent {
    return this.events.add(project, type, message, details, releaseId);
  }
  listEvents(project: string, opts: { limit?: number; type?: string } = {}): HistoryEvent[] {
    return this.events.list(project, opts);
  }

  // lock
  acquireLock(holder: LockHolder, isDead: (h: LockHolder) => boolean): AcquireResult {
    return this.lock.acquire(holder, isDead);
  }
  releaseLock(project: string, pid: number | null): boolean {
    return this.lock.release(project, pid);
  }
  forceReleaseLock(project: string): boolean {
    return this.lock.forceRelease(project);
  }
  getLock(project: string): LockHolder | null {
    return this.lock.holder(project);
  }

  // journal
  writeJournal(e: JournalEntry): void {
    this.journal.write(e);
  }
  updateJournal(project: string, patch: JournalPatch): JournalEntry | null {
    return this.journal.update(project, patch);
  }
  getJournal(project: string): JournalEntry | null {
    return this.journal.read(project);
  }
  clearJournal(project: string): void {
    this.journal.clear(project);
  }

  // baselines
  recordBaseline(project: string, releaseId: number, version: string, url: string, figures: BaselineFigures): Baseline {
    return this.baselines.record(project, releaseId, version, url, figures);
  }
  /** Newest baseline per health URL (of one version when given). */
  latestBaselines(project: string, version?: string): Baseline[] {
    return this.baselines.latestPerUrl(project, version);
  }
  /** Every baseline of the project, oldest first. */
  listBaselines(project: string): Baseline[] {
    return this.baselines.all(project);
  }
  /** Newest baseline of `url` recorded for a release older than `beforeReleaseId`. */
  previousBaseline(project: string, url: string, beforeReleaseId: number): Baseline | null {
    return this.baselines.previous(project, url, beforeReleaseId);
  }

  // configuration snapshots (configuration history)
  /** Stores a configuration snapshot, or returns the identical one already stored (deduplicated by hash). */
  saveConfigSnapshot(s: NewConfigSnapshot): { snapshot: ConfigSnapshot; created: boolean } {
    return this.configs.save(s);
  }
  getConfigSnapshot(id: number): ConfigSnapshot | null {
    return this.configs.get(id);
  }
  linkReleaseConfig(releaseId: number, snapshotId: number): void {
    this.configs.linkRelease(releaseId, snapshotId);
  }
  releaseConfig(releaseId: number): ConfigSnapshot | null {
    return this.configs.forRelease(releaseId);
  }
  /** The newest release older than `beforeReleaseId` that has a configuration snapshot. */
  previousReleaseConfig(project: string, beforeReleaseId: number): { releaseId: number; snapshot: ConfigSnapshot } | null {
    return this.configs.previousWithSnapshot(project, beforeReleaseId);
  }
  /** The latest successful release of `version` that has a configuration snapshot. */
  latestSuccessfulConfig(project: string, version: string): { releaseId: number; snapshot: ConfigSnapshot } | null {
    return this.configs.latestSuccessful(project, version);
  }
  countConfigSnapshots(project: string): number {
    return this.configs.count(project);
  }
}
