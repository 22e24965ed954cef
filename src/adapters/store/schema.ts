import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order; migration i brings `PRAGMA user_version` to i + 1.
 * Never edit a shipped migration: append a new one (e.g. probe samples, baselines).
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE releases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    kind TEXT NOT NULL,
    trigger TEXT NOT NULL,
    version TEXT NOT NULL,
    from_version TEXT,
    outcome TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    duration_seconds REAL,
    user TEXT NOT NULL,
    host TEXT NOT NULL,
    message TEXT,
    error_code TEXT,
    error_message TEXT,
    services TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX releases_project_id ON releases (project, id);
  CREATE INDEX releases_project_version ON releases (project, version, id);

  CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    release_id INTEGER,
    message TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX events_project_id ON events (project, id);

  CREATE TABLE lock (
    project TEXT PRIMARY KEY,
    pid INTEGER,
    host TEXT NOT NULL,
    user TEXT NOT NULL,
    command TEXT NOT NULL,
    message TEXT,
    since TEXT NOT NULL,
    pid_start TEXT
  );

  CREATE TABLE journal (
    project TEXT PRIMARY KEY,
    release_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    from_version TEXT,
    planned TEXT NOT NULL,
    done TEXT NOT NULL,
    step TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 2: latency baselines per health URL, recorded after each successful release (issue 3)
  `
  CREATE TABLE baselines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    release_id INTEGER NOT NULL,
    version TEXT NOT NULL,
    url TEXT NOT NULL,
    median_ms REAL NOT NULL,
    p95_ms REAL NOT NULL,
    samples INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
  );
  CREATE INDEX baselines_project_url ON baselines (project, url, release_id);
  `,
  // 3: configuration history (issue 5): the compose file(s) and reprise.yml each release used, deduplicated
  // by content hash; the env file only as a hash and its key names (its content lives in a 0600 file)
  `
  CREATE TABLE config_snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    hash TEXT NOT NULL,
    files TEXT NOT NULL,
    env_path TEXT,
    env_hash TEXT,
    env_keys TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    UNIQUE (project, hash)
  );
  ALTER TABLE releases ADD COLUMN config_snapshot_id INTEGER REFERENCES config_snapshots (id);
  CREATE INDEX releases_project_config ON releases (project, version, config_snapshot_id);
  `,
  // the lock holder's boot and pid namespace (issue 20): a holder in another pid namespace of this machine is
  // alive for all we can see; one from an earlier boot is gone
  `
  ALTER TABLE lock ADD COLUMN boot_id TEXT;
  ALTER TABLE lock ADD COLUMN pid_ns TEXT;
  `,
  // 6: what each release ran (issue 21): per service, the image reference, its ID and repository digest, so a
  // rollback runs the recorded image even when the tag was pushed again since
  `
  CREATE TABLE release_images (
    release_id INTEGER NOT NULL REFERENCES releases (id),
    service TEXT NOT NULL,
    image TEXT NOT NULL,
    image_id TEXT NOT NULL,
    repo_digest TEXT,
    PRIMARY KEY (release_id, service)
  );
  `,
  // 7: data snapshots taken before releases (issue 22): where the file is, its size and checksum
  `
  CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    release_id INTEGER REFERENCES releases (id),
    service TEXT NOT NULL,
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    from_version TEXT,
    created_at TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    path TEXT NOT NULL
  );
  CREATE INDEX snapshots_project ON snapshots (project, id);
  `,
  // 8: the schema head each release ran with (issue 22, data.schema)
  `
  CREATE TABLE release_schema (
    release_id INTEGER PRIMARY KEY REFERENCES releases (id),
    head TEXT NOT NULL
  );
  `,
  // 9: incidents as a process (issue 23): one per failed deploy, rollback and emergency, who acknowledged,
  // resolved and wrote the post-mortem; every message the incident clock owed, claimed before it is sent
  `
  CREATE TABLE incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    version TEXT NOT NULL,
    from_version TEXT,
    release_id INTEGER REFERENCES releases (id),
    report TEXT,
    cause TEXT,
    level INTEGER NOT NULL DEFAULT 0,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    resolved_by TEXT,
    resolved_at TEXT,
    postmortem_by TEXT,
    postmortem_at TEXT
  );
  CREATE INDEX incidents_project ON incidents (project, id);
  CREATE TABLE incident_notices (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    key TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    claimed_by TEXT NOT NULL,
    sent_at TEXT,
    deliveries TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (incident_id, key)
  );
  `,
];

/** Brings the database to the latest schema. Safe when several processes open it at once. */
export function migrate(db: Database.Database): void {
  // up to date already (the usual case): no write lock needed, so reading works while another process writes
  if ((db.pragma('user_version', { simple: true }) as number) === MIGRATIONS.length) return;
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`state database schema version ${current} is newer than this reprise understands (${MIGRATIONS.length}); upgrade reprise`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  // IMMEDIATE: take the write lock before reading user_version, so two processes never both migrate.
  run.immediate();
}
