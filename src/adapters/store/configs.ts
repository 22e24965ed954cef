import type Database from 'better-sqlite3';

/** One file of a configuration snapshot: a compose file or reprise.yml, with its whole text. */
export interface ConfigFile {
  role: 'compose' | 'config';
  /** relative to the project directory when inside it, else absolute */
  path: string;
  /** its text; with a secret in it, the text masked (`***`), the whole text kept in a 0600 file (`secretFile`) */
  content: string;
  /** the SHA-256 of the whole text, kept in `.reprise/config-files/<sha>` when the text held a secret */
  secretFile?: string;
}

/**
 * The configuration a release used. The env file is only a hash and its key names here; its content is
 * kept in a 0600 file named after the hash (never in the database, never in output).
 */
export interface NewConfigSnapshot {
  project: string;
  hash: string;
  files: ConfigFile[];
  envPath: string | null;
  envHash: string | null;
  envKeys: string[];
}

export interface ConfigSnapshot extends NewConfigSnapshot {
  id: number;
  createdAt: string;
}

interface SnapshotRow {
  id: number;
  project: string;
  hash: string;
  files: string;
  env_path: string | null;
  env_hash: string | null;
  env_keys: string;
  created_at: string;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toSnapshot(r: SnapshotRow): ConfigSnapshot {
  return {
    id: r.id,
    project: r.project,
    hash: r.hash,
    files: parseJson<ConfigFile[]>(r.files, []),
    envPath: r.env_path,
    envHash: r.env_hash,
    envKeys: parseJson<string[]>(r.env_keys, []),
    createdAt: r.created_at,
  };
}

/** The config_snapshots table and the releases → snapshot link. */
export class ConfigTable {
  private readonly insert: Database.Statement;
  private readonly byHash: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly link: Database.Statement;
  private readonly ofRelease: Database.Statement;
  private readonly previous: Database.Statement;
  private readonly latestGood: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      // the same content stored again rewrites its files: a row written before secrets were kept out of the
      // database loses them the next time that configuration is recorded
      `INSERT INTO config_snapshots (project, hash, files, env_path, env_hash, env_keys, created_at)
       VALUES (@project, @hash, @files, @envPath, @envHash, @envKeys, @createdAt)
       ON CONFLICT (project, hash) DO UPDATE SET files = excluded.files`,
    );
    this.byHash = db.prepare('SELECT * FROM config_snapshots WHERE project = ? AND hash = ?');
    this.byId = db.prepare('SELECT * FROM config_snapshots WHERE id = ?');
    this.link = db.prepare('UPDATE releases SET config_snapshot_id = ? WHERE id = ?');
    this.ofRelease = db.prepare('SELECT config_snapshot_id AS id FROM releases WHERE id = ?');
    this.previous = db.prepare(
      'SELECT id, config_snapshot_id FROM releases WHERE project = ? AND id < ? AND config_snapshot_id IS NOT NULL ORDER BY id DESC LIMIT 1',
    );
    this.latestGood = db.prepare(
      `SELECT id, config_snapshot_id FROM releases WHERE project = ? AND version = ? AND outcome = 'success'
       AND config_snapshot_id IS NOT NULL ORDER BY id DESC LIMIT 1`,
    );
  }

  /** Stores a snapshot, or finds the identical one already stored (same project and content hash). */
  save(s: NewConfigSnapshot): { snapshot: ConfigSnapshot; created: boolean } {
    const existed = this.byHash.get(s.project, s.hash) !== undefined;
    this.insert.run({
      project: s.project,
      hash: s.hash,
      files: JSON.stringify(s.files),
      envPath: s.envPath,
      envHash: s.envHash,
      envKeys: JSON.stringify(s.envKeys),
      createdAt: this.now().toISOString(),
    });
    const row = this.byHash.get(s.project, s.hash) as SnapshotRow | undefined;
    if (!row) throw new Error(`configuration snapshot ${s.hash} not found after insert`);
    return { snapshot: toSnapshot(row), created: !existed };
  }

  get(id: number): ConfigSnapshot | null {
    const row = this.byId.get(id) as SnapshotRow | undefined;
    return row ? toSnapshot(row) : null;
  }

  linkRelease(releaseId: number, snapshotId: number): void {
    const info = this.link.run(snapshotId, releaseId);
    if (info.changes === 0) throw new Error(`release ${releaseId} not found`);
  }

  /** The snapshot a release used, or null (release unknown, or made before configuration history). */
  forRelease(releaseId: number): ConfigSnapshot | null {
    const row = this.ofRelease.get(releaseId) as { id: number | null } | undefined;
    return row?.id ? this.get(row.id) : null;
  }

  /** The newest release of the project older than `beforeReleaseId` that has a snapshot. */
  previousWithSnapshot(project: string, beforeReleaseId: number): { releaseId: number; snapshot: ConfigSnapshot } | null {
    const row = this.previous.get(project, beforeReleaseId) as { id: number; config_snapshot_id: number } | undefined;
    const snap = row ? this.get(row.config_snapshot_id) : null;
    return row && snap ? { releaseId: row.id, snapshot: snap } : null;
  }

  /** The latest successful release of `version` that has a snapshot. */
  latestSuccessful(project: string, version: string): { releaseId: number; snapshot: ConfigSnapshot } | null {
    const row = this.latestGood.get(project, version) as { id: number; config_snapshot_id: number } | undefined;
    const snap = row ? this.get(row.config_snapshot_id) : null;
    return row && snap ? { releaseId: row.id, snapshot: snap } : null;
  }

  /** Number of snapshots of a project (tests, diagnostics). */
  count(project: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM config_snapshots WHERE project = ?').get(project) as { n: number }).n;
  }
}
