import type Database from 'better-sqlite3';

/** A latency baseline of one health URL, measured right after a successful release. */
export interface Baseline {
  id: number;
  project: string;
  releaseId: number;
  version: string;
  url: string;
  medianMs: number;
  p95Ms: number;
  samples: number;
  recordedAt: string;
}

export interface BaselineFigures {
  medianMs: number;
  p95Ms: number;
  samples: number;
}

interface BaselineRow {
  id: number;
  project: string;
  release_id: number;
  version: string;
  url: string;
  median_ms: number;
  p95_ms: number;
  samples: number;
  recorded_at: string;
}

function toBaseline(r: BaselineRow): Baseline {
  return {
    id: r.id,
    project: r.project,
    releaseId: r.release_id,
    version: r.version,
    url: r.url,
    medianMs: r.median_ms,
    p95Ms: r.p95_ms,
    samples: r.samples,
    recordedAt: r.recorded_at,
  };
}

// Newest row per URL: the row whose id is the largest among that URL's rows (optionally for one version).
const LATEST = `SELECT b.* FROM baselines b
  JOIN (SELECT url, MAX(id) AS id FROM baselines WHERE project = @project AND (@version IS NULL OR version = @version) GROUP BY url) m
  ON b.id = m.id ORDER BY b.url`;

/** The baselines table. */
export class BaselineTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly latest: Database.Statement;
  private readonly before: Database.Statement;
  private readonly allRows: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.insert = db.prepare(
      `INSERT INTO baselines (project, release_id, version, url, median_ms, p95_ms, samples, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byId = db.prepare('SELECT * FROM baselines WHERE id = ?');
    this.allRows = db.prepare('SELECT * FROM baselines WHERE project = ? ORDER BY id');
    this.latest = db.prepare(LATEST);
    this.before = db.prepare(
      'SELECT * FROM baselines WHERE project = ? AND url = ? AND release_id < ? ORDER BY release_id DESC, id DESC LIMIT 1',
    );
  }

  record(project: string, releaseId: number, version: string, url: string, f: BaselineFigures): Baseline {
    const info = this.insert.run(project, releaseId, version, url, f.medianMs, f.p95Ms, f.samples, this.now().toISOString());
    return toBaseline(this.byId.get(Number(info.lastInsertRowid)) as BaselineRow);
  }

  /** Every baseline of the project, oldest first. */
  all(project: string): Baseline[] {
    return (this.allRows.all(project) as BaselineRow[]).map(toBaseline);
  }

  /** The newest baseline of every URL of the project (of one version when given). */
  latestPerUrl(project: string, version?: string): Baseline[] {
    return (this.latest.all({ project, version: version ?? null }) as BaselineRow[]).map(toBaseline);
  }

  /** The newest baseline of a URL recorded for a release older than `beforeReleaseId`. */
  previous(project: string, url: string, beforeReleaseId: number): Baseline | null {
    const row = this.before.get(project, url, beforeReleaseId) as BaselineRow | undefined;
    return row ? toBaseline(row) : null;
  }
}
