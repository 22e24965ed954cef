// Incidents (schema 9): one row per failed deploy, rollback and emergency, with who acknowledged, resolved and
// attached the post-mortem, and when; and the messages the incident clock owed each one. A message is claimed
// (a row inserted, the primary key refusing a second claim) before it is sent and marked sent after: two clocks,
// or one restarted, never both send it.
import type Database from 'better-sqlite3';
import type { Incident, IncidentKind, IncidentState } from '../../domain/incidents';

interface Row {
  id: number;
  project: string;
  state: string;
  kind: string;
  opened_at: string;
  version: string;
  from_version: string | null;
  release_id: number | null;
  report: string | null;
  cause: string | null;
  level: number;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  postmortem_by: string | null;
  postmortem_at: string | null;
}

const toIncident = (r: Row): Incident => ({
  id: r.id,
  project: r.project,
  state: r.state as IncidentState,
  kind: r.kind as IncidentKind,
  openedAt: r.opened_at,
  version: r.version,
  fromVersion: r.from_version,
  releaseId: r.release_id,
  report: r.report,
  cause: r.cause,
  level: r.level,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
  postmortemBy: r.postmortem_by,
  postmortemAt: r.postmortem_at,
});

/** what opening an incident is given; acknowledgedBy is set when the person who ran the operation is handling it already (incidentKind's rule) */
export type NewIncident = Pick<Incident, 'project' | 'kind' | 'openedAt' | 'version' | 'fromVersion' | 'releaseId' | 'report' | 'cause' | 'acknowledgedBy'>;

export interface Notice {
  key: string;
  claimedAt: string;
  /** the claiming process (JSON: pid, host, pid start, boot, pid namespace) */
  claimedBy: string;
  sentAt: string | null;
  deliveries: unknown[] | null;
  /** how many times it was sent (every delivery of an attempt failing: tried again later, a few times) */
  attempts: number;
}

export class IncidentTable {
  private readonly insert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly ofProject: Database.Statement;
  private readonly ofProjectUnresolved: Database.Statement;
  private readonly ack: Database.Statement;
  private readonly resolveStmt: Database.Statement;
  private readonly postmortemStmt: Database.Statement;
  private readonly levelStmt: Database.Statement;
  private readonly claimStmt: Database.Statement;
  private readonly reclaimStmt: Database.Statement;
  private readonly sentStmt: Database.Statement;
  private readonly retryStmt: Database.Statement;
  private readonly noticesStmt: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO incidents (project, state, kind, opened_at, version, from_version, release_id, report, cause, acknowledged_by, acknowledged_at)
       VALUES (@project, @state, @kind, @openedAt, @version, @fromVersion, @releaseId, @report, @cause, @acknowledgedBy, @acknowledgedAt)`,
    );
    this.byId = db.prepare('SELECT * FROM incidents WHERE id = ? AND project = ?');
    this.ofProject = db.prepare('SELECT * FROM incidents WHERE project = ? ORDER BY id DESC');
    this.ofProjectUnresolved = db.prepare("SELECT * FROM incidents WHERE project = ? AND (state != 'resolved' OR postmortem_at IS NULL) ORDER BY id");
    this.ack = db.prepare("UPDATE incidents SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND state = 'open'");
    this.resolveStmt = db.prepare(
      "UPDATE incidents SET state = 'resolved', resolved_by = ?, resolved_at = ?, acknowledged_by = COALESCE(acknowledged_by, ?), acknowledged_at = COALESCE(acknowledged_at, ?) WHERE id = ? AND state != 'resolved'",
    );
    this.postmortemStmt = db.prepare('UPDATE incidents SET postmortem_by = ?, postmortem_at = ? WHERE id = ?');
    this.levelStmt = db.prepare('UPDATE incidents SET level = MAX(level, ?) WHERE id = ?');
    this.claimStmt = db.prepare('INSERT OR IGNORE INTO incident_notices (incident_id, key, claimed_at, claimed_by) VALUES (?, ?, ?, ?)');
    this.reclaimStmt = db.prepare('UPDATE incident_notices SET claimed_at = ?, claimed_by = ? WHERE incident_id = ? AND key = ? AND claimed_by = ? AND claimed_at = ? AND sent_at IS NULL');
    this.sentStmt = db.prepare('UPDATE incident_notices SET sent_at = ?, deliveries = ?, attempts = attempts + 1 WHERE incident_id = ? AND key = ? AND claimed_by = ? AND sent_at IS NULL');
    this.retryStmt = db.prepare('UPDATE incident_notices SET claimed_at = ?, claimed_by = ?, deliveries = ?, attempts = attempts + 1 WHERE incident_id = ? AND key = ? AND claimed_by = ? AND sent_at IS NULL');
    this.noticesStmt = db.prepare('SELECT * FROM incident_notices WHERE incident_id = ? ORDER BY claimed_at, key');
  }

  open(n: NewIncident): Incident {
    const info = this.insert.run({ ...n, state: n.acknowledgedBy ? 'acknowledged' : 'open', acknowledgedAt: n.acknowledgedBy ? n.openedAt : null });
    return toIncident(this.byId.get(Number(info.lastInsertRowid), n.project) as Row);
  }

  get(project: string, id: number): Incident | null {
    const r = this.byId.get(id, project) as Row | undefined;
    return r ? toIncident(r) : null;
  }

  /** newest first */
  list(project: string): Incident[] {
    return (this.ofProject.all(project) as Row[]).map(toIncident);
  }

  /** the incidents the clock may still owe something (not resolved, or without a post-mortem), oldest first */
  pending(project: string): Incident[] {
    return (this.ofProjectUnresolved.all(project) as Row[]).map(toIncident);
  }

  /** false when it was not open (acknowledged or resolved already) */
  acknowledge(id: number, by: string, at: string): boolean {
    return this.ack.run(by, at, id).changes === 1;
  }

  /** false when it was resolved already; resolving also acknowledges an open incident */
  resolve(id: number, by: string, at: string): boolean {
    return this.resolveStmt.run(by, at, by, at, id).changes === 1;
  }

  attachPostmortem(id: number, by: string, at: string): void {
    this.postmortemStmt.run(by, at, id);
  }

  raiseLevel(id: number, level: number): void {
    this.levelStmt.run(level, id);
  }

  /** true when this caller now owns the message (nobody claimed it before) */
  claim(id: number, key: string, at: string, by: string): boolean {
    return this.claimStmt.run(id, key, at, by).changes === 1;
  }

  /** takes over a claim as it was read — its holder and time (true when taken; false when it changed since) */
  reclaim(id: number, key: string, at: string, by: string, previous: string, previousAt: string): boolean {
    return this.reclaimStmt.run(at, by, id, key, previous, previousAt).changes === 1;
  }

  /** records a message sent by `by`, the holder of its claim (false: the claim is no longer theirs) */
  markSent(id: number, key: string, at: string, deliveries: unknown[], by: string): boolean {
    return this.sentStmt.run(at, JSON.stringify(deliveries), id, key, by).changes === 1;
  }

  /** every delivery failed: the claim is handed to `mark` (a later clock takes it over when it is due) */
  retryLater(id: number, key: string, at: string, mark: string, deliveries: unknown[], by: string): void {
    this.retryStmt.run(at, mark, JSON.stringify(deliveries), id, key, by);
  }

  notices(id: number): Notice[] {
    return (this.noticesStmt.all(id) as Array<{ key: string; claimed_at: string; claimed_by: string; sent_at: string | null; deliveries: string | null; attempts: number }>).map((r) => ({
      key: r.key,
      claimedAt: r.claimed_at,
      claimedBy: r.claimed_by,
      sentAt: r.sent_at,
      deliveries: r.deliveries ? (JSON.parse(r.deliveries) as unknown[]) : null,
      attempts: r.attempts,
    }));
  }
}
